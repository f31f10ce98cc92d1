package dev.ficus.gateway.routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.ficus.gateway.problem.InvalidRequest;

/**
 * Checks a route table as a whole and reports every violation at once. A table that passes can be translated to
 * gateway routes without surprises: every field is present, paths are plain prefixes (no wildcards, no encoded
 * characters), each path and method class is claimed by one route only, and every target resolves to a URL.
 */
@Component
public class RouteTableValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private static final Pattern SCOPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final int MAX_WEIGHT = 1000;

    private final Targets targets;

    RouteTableValidator(Targets targets) {
        this.targets = targets;
    }

    public void check(RouteTable table, String origin) {
        List<String> errors = violations(table);
        if (!errors.isEmpty()) {
            throw new InvalidRequest("The route table from " + origin + " is invalid", errors);
        }
    }

    public List<String> violations(RouteTable table) {
        var errors = new ArrayList<String>();
        if (table.routes().isEmpty()) {
            errors.add("routes: the table has no routes; an empty table would answer 404 to everything");
        }

        Set<String> ids = new HashSet<>();
        Set<String> claims = new HashSet<>();
        for (int index = 0; index < table.routes().size(); index++) {
            RouteEntry route = table.routes().get(index);
            String where = "routes[" + index + "]" + (route.id() != null ? " (" + route.id() + ")" : "");

            checkRoute(route, where, errors);
            if (route.id() != null && !ids.add(route.id())) {
                errors.add(where + ": id '" + route.id() + "' is used twice");
            }
            if (route.path() != null && route.methods() != null) {
                for (MethodClass methods : route.methods()) {
                    if (methods != null && !claims.add(route.path() + " " + methods)) {
                        errors.add(where + ": " + methods + " requests on " + route.path()
                                + " are already claimed by another route");
                    }
                }
            }
        }
        return errors;
    }

    private void checkRoute(RouteEntry route, String where, List<String> errors) {
        if (route.id() == null || !ID.matcher(route.id()).matches()) {
            errors.add(where + ": id must be lower-case letters, digits and dashes");
        }
        if (route.path() == null || !PREFIX.matcher(route.path()).matches()) {
            errors.add(where + ": path must be a plain prefix such as /api/orders (no wildcard, no trailing slash, "
                    + "no encoded character)");
        }
        if (route.backendPath() != null && !PREFIX.matcher(route.backendPath()).matches()) {
            errors.add(where + ": backend-path must be a plain prefix such as /orders");
        }
        if (route.methods() == null || route.methods().isEmpty() || route.methods().contains(null)) {
            errors.add(where + ": methods must list READ, WRITE or both");
        }
        else if (Set.copyOf(route.methods()).size() != route.methods().size()) {
            errors.add(where + ": methods lists a class twice");
        }
        if (route.scope() == null || !SCOPE.matcher(route.scope()).matches()) {
            errors.add(where + ": scope must name the resource a token needs, such as orders");
        }
        checkTargets(route.targets(), where, errors);
    }

    private void checkTargets(List<TargetWeight> routeTargets, String where, List<String> errors) {
        if (routeTargets == null || routeTargets.isEmpty()) {
            errors.add(where + ": targets must list at least one target");
            return;
        }

        int total = 0;
        Set<String> names = new HashSet<>();
        for (TargetWeight target : routeTargets) {
            if (target == null || target.name() == null) {
                errors.add(where + ": every target needs a name");
                continue;
            }
            if (!names.add(target.name())) {
                errors.add(where + ": target '" + target.name() + "' is listed twice");
            }
            if (target.weight() == null || target.weight() < 0 || target.weight() > MAX_WEIGHT) {
                errors.add(where + ": target '" + target.name() + "' needs a weight from 0 to " + MAX_WEIGHT);
            }
            else {
                total += target.weight();
            }
            targets.problemWith(target.name()).ifPresent(problem -> errors.add(where + ": " + problem));
        }
        if (total == 0) {
            errors.add(where + ": the weights add up to 0, so the route could send traffic nowhere");
        }
    }
}
