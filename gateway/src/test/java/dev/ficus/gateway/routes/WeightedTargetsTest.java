package dev.ficus.gateway.routes;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Targets are picked in proportion to their weights, and a weight of 0 means no traffic at all. */
class WeightedTargetsTest {

    private static final Map<String, URI> URLS = Map.of(
            "monolith", URI.create("http://monolith:8081"),
            "inventory-service", URI.create("http://inventory:8082"));

    @Test
    void neverPicksATargetWeightedZero() {
        var targets = new WeightedTargets(
                List.of(new TargetWeight("monolith", 0), new TargetWeight("inventory-service", 100)), URLS);

        assertThat(IntStream.range(0, 1000).mapToObj(pick -> targets.pick()))
                .containsOnly(URI.create("http://inventory:8082"));
    }

    @Test
    void picksEveryTargetWithAWeight() {
        var targets = new WeightedTargets(
                List.of(new TargetWeight("monolith", 50), new TargetWeight("inventory-service", 50)), URLS);

        assertThat(IntStream.range(0, 1000).mapToObj(pick -> targets.pick()))
                .containsOnly(URI.create("http://monolith:8081"), URI.create("http://inventory:8082"));
    }
}
