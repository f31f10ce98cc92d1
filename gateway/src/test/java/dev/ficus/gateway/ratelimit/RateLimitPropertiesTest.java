package dev.ficus.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.ficus.gateway.ratelimit.RateLimitProperties.ClientLimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A rate limit is either what it says or refused; it is never quietly turned into something else. */
class RateLimitPropertiesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void rejectsABurstOfZeroInsteadOfTurningTheLimitOff() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(0, 3, SECOND, List.of()))
                .withMessageContaining("ficus.rate-limit.burst is 0 but must be at least 1")
                .withMessageContaining("never that the limit is off");
    }

    @Test
    void rejectsABurstBelowTheRefillRate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(1, 3, SECOND, List.of()))
                .withMessageContaining("ficus.rate-limit.burst is 1 but must be at least ")
                .withMessageContaining("ficus.rate-limit.refill-tokens (3 per PT1S)");
    }

    @Test
    void rejectsARefillOfZero() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(5, 0, SECOND, List.of()))
                .withMessageContaining("ficus.rate-limit.refill-tokens is 0");
    }

    @Test
    void acceptsABurstOfAtLeastTheRefill() {
        assertThat(new RateLimitProperties(3, 3, SECOND, List.of()).burst()).isEqualTo(3);
    }

    @Test
    void holdsAClientOverrideToTheSameRulesNamingTheClient() {
        var overrides = List.of(
                new ClientLimit("steady-partner", 10L, 5L, SECOND),
                new ClientLimit("slow-partner", 1L, 3L, SECOND),
                new ClientLimit("locked-partner", 0L, 1L, SECOND));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(50, 20, SECOND, overrides))
                .withMessageContaining("ficus.rate-limit.clients[1].burst is 1 for client 'slow-partner' but must "
                        + "be at least ficus.rate-limit.clients[1].refill-tokens (3 per PT1S)")
                .withMessageContaining("ficus.rate-limit.clients[2].burst is 0 for client 'locked-partner' but "
                        + "must be at least 1")
                .withMessageNotContaining("steady-partner");
    }

    @Test
    void rejectsAnOverrideWithoutClientOrWithoutAllThreeSettings() {
        var overrides = List.of(
                new ClientLimit(" ", 10L, 10L, SECOND),
                new ClientLimit("half-configured", 10L, null, null));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(50, 20, SECOND, overrides))
                .withMessageContaining("ficus.rate-limit.clients[0].id is missing")
                .withMessageContaining("ficus.rate-limit.clients[1].refill-tokens is missing for client "
                        + "'half-configured'")
                .withMessageContaining("ficus.rate-limit.clients[1].refill-period is missing for client "
                        + "'half-configured'");
    }

    @Test
    void rejectsTwoOverridesForOneClient() {
        var overrides = List.of(
                new ClientLimit("partner-acme", 10L, 10L, SECOND),
                new ClientLimit("partner-acme", 20L, 20L, SECOND));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitProperties(50, 20, SECOND, overrides))
                .withMessageContaining("ficus.rate-limit.clients[1].id 'partner-acme' is already given a limit by "
                        + "ficus.rate-limit.clients[0]");
    }

    @Test
    void bindsAnOverrideFromEnvironmentVariablesAsALauncherSetsThem() {
        var environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "FICUS_RATE_LIMIT_CLIENTS_0_ID", "partner-acme",
                        "FICUS_RATE_LIMIT_CLIENTS_0_BURST", "200",
                        "FICUS_RATE_LIMIT_CLIENTS_0_REFILL_TOKENS", "100",
                        "FICUS_RATE_LIMIT_CLIENTS_0_REFILL_PERIOD", "2s"));

        RateLimitProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("ficus.rate-limit", RateLimitProperties.class);

        assertThat(properties.overrides())
                .containsExactlyEntriesOf(Map.of("partner-acme", new BucketShape(200, 100, Duration.ofSeconds(2))));
        assertThat(properties.defaults()).isEqualTo(new BucketShape(50, 20, SECOND));
    }

    @Test
    void givesEachOverriddenClientItsOwnShapeAndKeepsTheDefaultForTheOthers() {
        var properties = new RateLimitProperties(50, 20, SECOND, List.of(
                new ClientLimit("partner-acme", 200L, 100L, Duration.ofSeconds(2))));

        assertThat(properties.defaults()).isEqualTo(new BucketShape(50, 20, SECOND));
        assertThat(properties.overrides())
                .containsExactlyEntriesOf(Map.of("partner-acme", new BucketShape(200, 100,
                        Duration.ofSeconds(2))));
    }
}
