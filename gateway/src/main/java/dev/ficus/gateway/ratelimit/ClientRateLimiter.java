package dev.ficus.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One Bucket4j token bucket per client, kept in PostgreSQL. Each request takes a token inside a transaction that
 * locks the client's row ({@code SELECT ... FOR UPDATE}), so replicas sharing the database share the bucket and
 * the limit holds however many replicas run. Rows expire once the bucket would be full again.
 *
 * <p>A stored bucket keeps the configuration it was created with. Bucket4j replaces it only when the stored
 * configuration version is lower than the one asked for, so the version must grow with every change of the
 * settings: it is the settings' generation, kept in {@code gateway.rate_limit_settings} and raised by a replica that
 * starts with settings differing from the stored ones. A lowered limit then caps a client's tokens, a raised one adds
 * the difference ({@link TokensInheritanceStrategy#ADDITIVE}).
 */
@Component
class ClientRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimiter.class);

    private static final int CLEANUP_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    private final Supplier<BucketConfiguration> defaults;

    private final Map<String, Supplier<BucketConfiguration>> overrides;

    private final long generation;

    ClientRateLimiter(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions,
            RateLimitProperties properties) {

        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("gateway.rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();

        BucketConfiguration defaultBucket = configuration(properties.defaults());
        this.defaults = () -> defaultBucket;
        this.overrides = properties.overrides().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, override -> {
                    BucketConfiguration bucket = configuration(override.getValue());
                    return () -> bucket;
                }));

        String settings = settings(properties);
        this.generation = generation(jdbc, transactions, settings);
        LOG.info("Rate limits of generation {}: {}", generation, settings);
    }

    /** Deletes the rows of buckets that have been full long enough to be forgotten, so the table stays small. */
    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void removeExpiredBuckets() {
        int removed;
        do {
            removed = buckets.removeExpired(CLEANUP_BATCH);
            LOG.debug("Removed {} expired rate-limit buckets", removed);
        }
        while (removed == CLEANUP_BATCH);
    }

    /** Takes one token for the client, from its override's bucket or the default one; blocking (one round trip). */
    ConsumptionProbe take(String clientId) {
        return buckets.builder()
                .withImplicitConfigurationReplacement(generation, TokensInheritanceStrategy.ADDITIVE)
                .build("client:" + clientId, overrides.getOrDefault(clientId, defaults))
                .tryConsumeAndReturnRemaining(1);
    }

    private static BucketConfiguration configuration(BucketShape shape) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit
                        .capacity(shape.burst())
                        .refillGreedy(shape.refillTokens(), shape.refillPeriod()))
                .build();
    }

    /** The settings as one text that is equal for equal settings, whatever order the overrides were listed in. */
    private static String settings(RateLimitProperties properties) {
        var overrides = new TreeMap<>(properties.overrides());
        return "default " + properties.defaults() + "; " + (overrides.isEmpty() ? "no client overrides"
                : overrides.entrySet().stream()
                        .map(override -> "client '" + override.getKey() + "' " + override.getValue())
                        .collect(Collectors.joining("; ")));
    }

    /**
     * The generation of these settings: the stored one if they are the stored settings, else the next one, stored
     * with them. The row lock orders replicas starting at the same time.
     */
    private static long generation(JdbcClient jdbc, TransactionTemplate transactions, String settings) {
        return Objects.requireNonNull(transactions.execute(status -> {
            Stored stored = jdbc.sql("SELECT generation, settings FROM gateway.rate_limit_settings WHERE id = 1 "
                            + "FOR UPDATE")
                    .query((rs, row) -> new Stored(rs.getLong("generation"), rs.getString("settings")))
                    .single();
            if (stored.settings().equals(settings)) {
                return stored.generation();
            }

            long next = stored.generation() + 1;
            jdbc.sql("UPDATE gateway.rate_limit_settings SET generation = :generation, settings = :settings "
                            + "WHERE id = 1")
                    .param("generation", next)
                    .param("settings", settings)
                    .update();
            return next;
        }));
    }

    private record Stored(long generation, String settings) {
    }
}
