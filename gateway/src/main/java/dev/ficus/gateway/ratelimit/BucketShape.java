package dev.ficus.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one token bucket: at most {@code burst} tokens, {@code refillTokens} more every
 * {@code refillPeriod}.
 */
public record BucketShape(long burst, long refillTokens, Duration refillPeriod) {

    /** How the shape reads in logs and in the stored settings, for example {@code 50 per PT1S, burst 50}. */
    @Override
    public String toString() {
        return refillTokens + " per " + refillPeriod + ", burst " + burst;
    }

    /**
     * What is wrong with a shape, in messages naming the settings under {@code prefix} and, through {@code whose},
     * the client they belong to (empty for the default).
     */
    static List<String> violations(String prefix, String whose, long burst, long refillTokens,
            Duration refillPeriod) {

        var violations = new ArrayList<String>();
        if (refillTokens <= 0) {
            violations.add(prefix + "refill-tokens is " + refillTokens + whose + " but must be at least 1: a bucket "
                    + "that never refills locks its clients out for good");
        }
        if (refillPeriod.isZero() || refillPeriod.isNegative()) {
            violations.add(prefix + "refill-period is " + refillPeriod + whose + " but must be positive");
        }
        if (burst <= 0) {
            violations.add(prefix + "burst is " + burst + whose + " but must be at least 1 and at least " + prefix
                    + "refill-tokens (" + refillTokens + "): a burst of 0 would mean no request is ever allowed, "
                    + "never that the limit is off");
        }
        else if (burst < refillTokens) {
            violations.add(prefix + "burst is " + burst + whose + " but must be at least " + prefix
                    + "refill-tokens (" + refillTokens + " per " + refillPeriod + "): the bucket could never hold "
                    + "one refill, so the configured rate would silently become " + burst + " per " + refillPeriod);
        }
        return violations;
    }
}
