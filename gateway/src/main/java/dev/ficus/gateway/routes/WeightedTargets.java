package dev.ficus.gateway.routes;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A route's targets with their URLs and weights, fixed when the table is activated. Routed requests and BFF calls
 * both pick through it, so they split traffic the same way.
 */
public record WeightedTargets(List<TargetWeight> targets, Map<String, URI> urls) {

    public WeightedTargets {
        targets = List.copyOf(targets);
        urls = Map.copyOf(urls);
    }

    /** One target's URL, chosen at random in proportion to the weights; a weight of 0 is never chosen. */
    public URI pick() {
        int total = targets.stream().mapToInt(TargetWeight::share).sum();
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (TargetWeight target : targets) {
            ticket -= target.share();
            if (ticket < 0) {
                return urls.get(target.name());
            }
        }
        throw new IllegalStateException("Weights add up to " + total + " but no target was picked");
    }
}
