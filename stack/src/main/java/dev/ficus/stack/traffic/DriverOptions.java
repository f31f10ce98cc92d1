package dev.ficus.stack.traffic;

import java.time.Duration;

/**
 * How much traffic the driver sends and for how long at most.
 *
 * @param orders orders to place (each with a fresh idempotency key)
 * @param ratePerSecond orders started per second at most
 * @param concurrency requests in flight at most
 * @param maxDuration hard limit of the order phase; orders not sent by then are not sent
 * @param settleTimeout how long after traffic stops every saga has to reach a terminal state
 * @param skus SKUs in the catalog
 * @param customers customers to register
 * @param seed seed of the random choices, so a run can be repeated
 * @param providerFailureRate share of the provider's requests that fail with 503 (the payments module retries)
 * @param providerDeclineRate share of charges the provider declines (the order's saga compensates)
 */
public record DriverOptions(int orders, double ratePerSecond, int concurrency, Duration maxDuration,
		Duration settleTimeout, int skus, int customers, long seed, double providerFailureRate,
		double providerDeclineRate) {

	public DriverOptions {
		if (orders < 0 || ratePerSecond <= 0 || concurrency < 1 || skus < 1 || customers < 1) {
			throw new IllegalArgumentException("orders must be >= 0, rate > 0, concurrency, skus and customers >= 1;"
					+ " got orders=%d rate=%s concurrency=%d skus=%d customers=%d"
							.formatted(orders, ratePerSecond, concurrency, skus, customers));
		}
	}
}
