package dev.ficus.gateway.routes;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Picks one of the matched route's targets by weight and points the request at it. The weights come from the
 * route's own metadata, not from a registry that outlives route refreshes (the gateway's Weight predicate keeps
 * group weights across refreshes), so a table change replaces weights completely. The request URL is already
 * encoded at this point and is rebuilt without encoding it again.
 */
@Component
class WeightedTargetFilter implements GlobalFilter, Ordered {

    /** Exchange attribute naming the chosen target, for logs and metrics. */
    static final String TARGET_ATTRIBUTE = "ficus.target";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI requestUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route == null || requestUrl == null) {
            return chain.filter(exchange);
        }
        if (!(route.getMetadata().get(ActiveRouteTable.TARGETS) instanceof List<?> targets)) {
            return chain.filter(exchange);
        }

        Map<?, ?> target = pick(targets);
        URI targetUrl = URI.create((String) target.get("url"));
        URI routed = UriComponentsBuilder.fromUri(requestUrl)
                .scheme(targetUrl.getScheme())
                .host(targetUrl.getHost())
                .port(targetUrl.getPort())
                .build(true)
                .toUri();

        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, routed);
        exchange.getAttributes().put(TARGET_ATTRIBUTE, target.get("name"));
        return chain.filter(exchange);
    }

    static Map<?, ?> pick(List<?> targets) {
        int total = targets.stream()
                .mapToInt(target -> (Integer) ((Map<?, ?>) target).get("weight"))
                .sum();
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (Object candidate : targets) {
            Map<?, ?> target = (Map<?, ?>) candidate;
            ticket -= (Integer) target.get("weight");
            if (ticket < 0) {
                return target;
            }
        }
        throw new IllegalStateException("Weights add up to " + total + " but no target was picked");
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
