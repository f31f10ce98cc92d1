package dev.ficus.gateway.routes;

import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.stereotype.Component;

/**
 * Hands the gateway the definitions of the active table. Every call reads one table snapshot, so the gateway's
 * route cache is always rebuilt from one complete table, never from two halves.
 */
@Component
class RouteTableLocator implements RouteDefinitionLocator {

    private final RouteTables tables;

    RouteTableLocator(RouteTables tables) {
        this.tables = tables;
    }

    @Override
    public Flux<RouteDefinition> getRouteDefinitions() {
        return Flux.fromIterable(tables.active().definitions());
    }
}
