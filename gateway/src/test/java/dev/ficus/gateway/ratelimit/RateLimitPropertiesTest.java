package dev.ficus.gateway.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A rate limit is either what it says or refused; it is never quietly turned into something else. */
class RateLimitPropertiesTest {

    @Test
    void rejectsABurstOfZeroInsteadOfTurningTheLimitOff() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(0, 3, Duration.ofSeconds(1)))
                .withMessageContaining("ficus.rate-limit.burst is 0 but must be at least 1")
                .withMessageContaining("never that the limit is off");
    }

    @Test
    void rejectsABurstBelowTheRefillRate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(1, 3, Duration.ofSeconds(1)))
                .withMessageContaining("ficus.rate-limit.burst is 1 but must be at least ")
                .withMessageContaining("ficus.rate-limit.refill-tokens (3 per PT1S)");
    }

    @Test
    void rejectsARefillOfZero() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(5, 0, Duration.ofSeconds(1)))
                .withMessageContaining("ficus.rate-limit.refill-tokens is 0");
    }

    @Test
    void acceptsABurstOfAtLeastTheRefill() {
        assertThat(new RateLimitProperties(3, 3, Duration.ofSeconds(1)).burst()).isEqualTo(3);
    }
}
