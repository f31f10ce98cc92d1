package dev.ficus.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token bucket every client gets: it holds at most {@code burst} tokens and gains {@code refillTokens} every
 * {@code refillPeriod}; each request takes one.
 *
 * <p>Checked when the gateway starts, because a limit that quietly does something else is worse than none: a
 * burst of 0 would refuse everything (or, in some libraries, disable the limit), and a burst below the refill
 * amount would cap the refill at the burst, so the configured rate would never be reached. Both stop start-up
 * with a message naming the setting.
 *
 * @param burst the bucket size: how many requests a client may make at once
 * @param refillTokens how many tokens come back each period
 * @param refillPeriod the period of the refill
 */
@ConfigurationProperties("ficus.rate-limit")
public record RateLimitProperties(
        @DefaultValue("50") long burst,
        @DefaultValue("20") long refillTokens,
        @DefaultValue("1s") Duration refillPeriod) {

    public RateLimitProperties {
        if (refillTokens <= 0) {
            throw new IllegalArgumentException("ficus.rate-limit.refill-tokens is " + refillTokens
                    + " but must be at least 1: a bucket that never refills locks every client out for good");
        }
        if (refillPeriod.isZero() || refillPeriod.isNegative()) {
            throw new IllegalArgumentException("ficus.rate-limit.refill-period is " + refillPeriod
                    + " but must be positive");
        }
        if (burst <= 0) {
            throw new IllegalArgumentException("ficus.rate-limit.burst is " + burst
                    + " but must be at least 1 and at least ficus.rate-limit.refill-tokens (" + refillTokens
                    + "): a burst of 0 would mean no request is ever allowed, never that the limit is off");
        }
        if (burst < refillTokens) {
            throw new IllegalArgumentException("ficus.rate-limit.burst is " + burst
                    + " but must be at least ficus.rate-limit.refill-tokens (" + refillTokens + " per "
                    + refillPeriod + "): the bucket could never hold one refill, so the configured rate would "
                    + "silently become " + burst + " per " + refillPeriod);
        }
    }
}
