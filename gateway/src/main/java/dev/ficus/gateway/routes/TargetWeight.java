package dev.ficus.gateway.routes;

import org.jspecify.annotations.Nullable;

/**
 * One target of a route with its share of the traffic. The name is resolved to a URL from the configuration
 * ({@code ficus.targets.<name>.url}); a weight of 0 keeps a target listed but sends it nothing. The weight is
 * nullable only so that a missing weight is reported by {@link RouteTableValidator} instead of read as 0.
 */
public record TargetWeight(String name, @Nullable Integer weight) {

    public int share() {
        return weight == null ? 0 : weight;
    }
}
