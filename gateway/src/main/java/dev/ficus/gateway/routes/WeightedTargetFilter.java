package dev.ficus.gateway.routes;

import java.net.URI;

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

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI requestUrl = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route == null || requestUrl == null
                || !(route.getMetadata().get(ActiveRouteTable.TARGETS) instanceof WeightedTargets targets)) {
            return chain.filter(exchange);
        }

        URI target = targets.pick();
        URI routed = UriComponentsBuilder.fromUri(requestUrl)
                .scheme(target.getScheme())
                .host(target.getHost())
                .port(target.getPort())
                .build(true)
                .toUri();

        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, routed);
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
