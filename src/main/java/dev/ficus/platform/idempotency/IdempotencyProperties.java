package dev.ficus.platform.idempotency;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings under {@code ficus.idempotency}.
 *
 * @param lease how long a request holds its key before another may take it over; longer than the
 *     slowest request, or a slow first request and its retry both run
 * @param ttl how long a finished request's answer is replayed
 * @param purgeInterval how often expired keys are deleted
 * @param clientHeader the header naming the client (the gateway sets it); keys are unique per client,
 *     and requests without it share the client {@value IdempotencyKey#ANONYMOUS}
 * @param requiredOn endpoints that refuse a mutating request without a key, as {@code METHOD /path}
 *     with Spring path patterns, e.g. {@code POST /orders}; every other mutating endpoint honours a key
 *     when one is sent
 */
@ConfigurationProperties("ficus.idempotency")
public record IdempotencyProperties(
		@DefaultValue("30s") Duration lease,
		@DefaultValue("24h") Duration ttl,
		@DefaultValue("15m") Duration purgeInterval,
		@DefaultValue("X-Ficus-Client-Id") String clientHeader,
		@DefaultValue("POST /orders") List<String> requiredOn) {

	public IdempotencyProperties {
		Assert.isTrue(lease.isPositive(), () -> "ficus.idempotency.lease must be positive, is " + lease);
		Assert.isTrue(ttl.compareTo(lease) > 0,
				() -> "ficus.idempotency.ttl (%s) must be longer than the lease (%s)".formatted(ttl, lease));
		Assert.isTrue(purgeInterval.isPositive(),
				() -> "ficus.idempotency.purge-interval must be positive, is " + purgeInterval);
		Assert.hasText(clientHeader, "ficus.idempotency.client-header must name a header");
	}
}
