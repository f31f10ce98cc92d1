package dev.ficus.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

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

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per client, kept in PostgreSQL. Each request takes a token inside a transaction that
 * locks the client's row ({@code SELECT ... FOR UPDATE}), so replicas sharing the database share the bucket and
 * the limit holds however many replicas run. Rows expire once the bucket would be full again.
 */
@Component
class ClientRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRateLimiter.class);

    private static final int CLEANUP_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    private final Supplier<BucketConfiguration> configuration;

    private final long configurationVersion;

    ClientRateLimiter(DataSource dataSource, RateLimitProperties properties) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("gateway.rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();

        BucketConfiguration bucket = BucketConfiguration.builder()
                .addLimit(limit -> limit
                        .capacity(properties.burst())
                        .refillGreedy(properties.refillTokens(), properties.refillPeriod()))
                .build();
        this.configuration = () -> bucket;

        // A changed limit replaces the stored bucket configuration instead of being ignored for existing clients.
        this.configurationVersion = Math.abs((long) Objects.hash(properties.burst(), properties.refillTokens(),
                properties.refillPeriod().toNanos()));
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

    /** Takes one token for the client; blocking (one database round trip). */
    ConsumptionProbe take(String clientId) {
        return buckets.builder()
                .withImplicitConfigurationReplacement(configurationVersion, TokensInheritanceStrategy.AS_IS)
                .build("client:" + clientId, configuration)
                .tryConsumeAndReturnRemaining(1);
    }
}
