package dev.ficus.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token bucket every client gets, and the clients that get another one: a bucket holds at most {@code burst}
 * tokens and gains {@code refillTokens} every {@code refillPeriod}; each request takes one.
 *
 * <p>Checked when the gateway starts, because a limit that quietly does something else is worse than none: a
 * burst of 0 would refuse everything (or, in some libraries, disable the limit), and a burst below the refill
 * amount would cap the refill at the burst, so the configured rate would never be reached. A client override is
 * held to the same rules, must name its client and all three settings, and a client has at most one. Every
 * violation stops start-up with a message naming the setting (and the client).
 *
 * @param burst the bucket size: how many requests a client may make at once
 * @param refillTokens how many tokens come back each period
 * @param refillPeriod the period of the refill
 * @param clients per-client overrides, as a list so that any client id can be written, also in an environment
 *     variable ({@code FICUS_RATE_LIMIT_CLIENTS_0_ID=partner-acme})
 */
@ConfigurationProperties("ficus.rate-limit")
public record RateLimitProperties(
        @DefaultValue("50") long burst,
        @DefaultValue("20") long refillTokens,
        @DefaultValue("1s") Duration refillPeriod,
        @DefaultValue List<ClientLimit> clients) {

    private static final String PREFIX = "ficus.rate-limit.";

    public RateLimitProperties {
        var violations = new ArrayList<String>(BucketShape.violations(PREFIX, "", burst, refillTokens, refillPeriod));

        var firstIndexOfClient = new HashMap<String, Integer>();
        for (int index = 0; index < clients.size(); index++) {
            ClientLimit client = clients.get(index);
            String prefix = PREFIX + "clients[" + index + "].";
            String id = client.id();
            if (id == null || id.isBlank()) {
                violations.add(prefix + "id is missing: an override must name the client id it applies to");
                continue;
            }

            Integer first = firstIndexOfClient.putIfAbsent(id, index);
            if (first != null) {
                violations.add(prefix + "id '" + id + "' is already given a limit by " + PREFIX + "clients["
                        + first + "]: a client has one limit");
            }
            violations.addAll(client.violations(prefix));
        }

        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        clients = List.copyOf(clients);
    }

    /** The bucket of clients without an override. */
    public BucketShape defaults() {
        return new BucketShape(burst, refillTokens, refillPeriod);
    }

    /** The bucket of each client with an override, by client id. */
    public Map<String, BucketShape> overrides() {
        var overrides = new HashMap<String, BucketShape>();
        clients.forEach(client -> overrides.put(client.id(), client.shape().orElseThrow()));
        return Map.copyOf(overrides);
    }

    /**
     * The bucket one client gets instead of the default. Every field is nullable only so that a missing one can be
     * reported by name; a bound instance has them all.
     *
     * @param id the client id as in the token ({@code client_id}, else {@code azp}, else {@code sub})
     */
    public record ClientLimit(@Nullable String id, @Nullable Long burst, @Nullable Long refillTokens,
            @Nullable Duration refillPeriod) {

        List<String> violations(String prefix) {
            String whose = " for client '" + id + "'";
            var missing = new ArrayList<String>();
            if (burst == null) {
                missing.add("burst");
            }
            if (refillTokens == null) {
                missing.add("refill-tokens");
            }
            if (refillPeriod == null) {
                missing.add("refill-period");
            }
            if (!missing.isEmpty()) {
                return missing.stream()
                        .map(setting -> prefix + setting + " is missing" + whose + ": an override names burst, "
                                + "refill-tokens and refill-period, so no part of it is taken silently from elsewhere")
                        .toList();
            }
            return BucketShape.violations(prefix, whose, burst, refillTokens, refillPeriod);
        }

        Optional<BucketShape> shape() {
            return burst == null || refillTokens == null || refillPeriod == null
                    ? Optional.empty()
                    : Optional.of(new BucketShape(burst, refillTokens, refillPeriod));
        }
    }
}
