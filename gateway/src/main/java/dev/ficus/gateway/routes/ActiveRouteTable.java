package dev.ficus.gateway.routes;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.HttpMethod;

/**
 * The table the gateway serves right now, with its target names resolved to URLs. It is immutable and replaced
 * as a whole, so a request always sees one complete table. Each gateway route carries its targets and weights in
 * its own metadata, which is why weights of an old table cannot outlive it.
 */
public record ActiveRouteTable(long version, RouteTable table, Map<String, URI> targetUrls) {

    /** Route metadata key: the route's {@link WeightedTargets}. */
    public static final String TARGETS = "ficus.targets";

    /** Route metadata key: the route table version the route comes from. */
    public static final String VERSION = "ficus.table-version";

    static ActiveRouteTable of(StoredTable stored, Targets targets) {
        var urls = new LinkedHashMap<String, URI>();
        for (RouteEntry route : stored.table().routes()) {
            for (TargetWeight target : route.targets()) {
                URI url = targets.url(target.name())
                        .orElseThrow(() -> new IllegalStateException("Route table version " + stored.version()
                                + " names target '" + target.name() + "', which has no URL on this replica"));
                urls.put(target.name(), url);
            }
        }
        return new ActiveRouteTable(stored.version(), stored.table(), Map.copyOf(urls));
    }

    /** The route a request belongs to: the longest prefix covering the path that accepts the method. */
    public Optional<RouteEntry> match(HttpMethod method, String path) {
        MethodClass methods = MethodClass.of(method);
        return table.routes().stream()
                .filter(route -> route.methods().contains(methods) && route.covers(path))
                .max(Comparator.comparingInt(route -> route.path().length()));
    }

    /**
     * The methods some route accepts for {@code path}, in the order of {@link MethodClass}: empty when no route
     * covers the path at all, so the caller can tell "no such path" (404) from "not with this method" (405).
     */
    public List<HttpMethod> allowedMethods(String path) {
        return Arrays.stream(MethodClass.values())
                .flatMap(methodClass -> methodClass.methods().stream())
                .filter(method -> match(method, path).isPresent())
                .toList();
    }

    /**
     * Where a request to {@code path} would go: one target of the matching route picked by weight, with the
     * route's backend prefix in place of its public prefix. The BFFs call backends through this, so they follow
     * the same table as routed traffic.
     */
    public Optional<URI> backendUrl(HttpMethod method, String path) {
        return match(method, path).map(route -> {
            String backendPath = route.effectiveBackendPath() + path.substring(route.path().length());
            return URI.create(targetsOf(route).pick() + backendPath);
        });
    }

    private WeightedTargets targetsOf(RouteEntry route) {
        return new WeightedTargets(route.targets(), targetUrls);
    }

    List<RouteDefinition> definitions() {
        return table.routes().stream()
                .map(this::definition)
                .toList();
    }

    private RouteDefinition definition(RouteEntry route) {
        var definition = new RouteDefinition();
        definition.setId("ficus-" + route.id());
        definition.setUri(targetUrls.get(route.targets().getFirst().name()));

        // Longer prefixes first, so /api/inventory/items wins over /api/inventory.
        definition.setOrder(-route.path().length());

        String methods = route.methods().stream()
                .flatMap(group -> group.methods().stream())
                .map(HttpMethod::name)
                .collect(Collectors.joining(","));
        definition.setPredicates(List.of(
                new PredicateDefinition("Path=" + route.path() + "," + route.path() + "/**"),
                new PredicateDefinition("Method=" + methods)));

        var filters = new ArrayList<FilterDefinition>();
        if (!route.effectiveBackendPath().equals(route.path())) {
            var rewrite = new FilterDefinition();
            rewrite.setName("RewritePath");
            rewrite.addArg("regexp", "^" + Pattern.quote(route.path()) + "(?<rest>/.*)?$");
            rewrite.addArg("replacement", route.effectiveBackendPath() + "${rest}");
            filters.add(rewrite);
        }
        definition.setFilters(filters);

        definition.setMetadata(Map.of(TARGETS, targetsOf(route), VERSION, version));
        return definition;
    }
}
