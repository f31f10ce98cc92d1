package dev.ficus.platform.simulator;

import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The faults the payment provider simulator injects into {@code POST /v1/charges}, {@code POST /v1/refunds}
 * and {@code GET /v1/charges}; the ledger and admin endpoints are never faulted.
 *
 * <p>Rates are probabilities from 0 to 1. The order of effects on one request is: latency, then a failure
 * (5xx, nothing recorded), then a decline (charges only, 402, remembered for the idempotency key), then
 * the work itself, then a timeout (the work is done, but the answer is held back for
 * {@code timeoutMillis}, longer than any sane client waits).
 *
 * @param failureRate share of requests answered 503 before anything is recorded
 * @param declineRate share of new charges declined with 402
 * @param latencyMillis fixed delay before every faulted request is handled
 * @param jitterMillis extra delay, uniform from 0 to this, added to the latency
 * @param timeoutRate share of requests whose answer is held back after the work was done
 * @param timeoutMillis how long such an answer is held back
 * @param failNext the next this many requests fail with 503, whatever the rate
 * @param timeoutNext the next this many requests time out after doing their work, whatever the rate
 * @param failNextRefunds the next this many refund requests fail with 503 (charges are not affected), so
 *     that a saga's compensation fails while its charges go through (the fault suite uses it)
 */
public record ProviderFaults(double failureRate, double declineRate, long latencyMillis, long jitterMillis,
		double timeoutRate, long timeoutMillis, int failNext, int timeoutNext, int failNextRefunds) {

	/** A provider that answers every request at once and never fails. */
	public static final ProviderFaults NONE = new ProviderFaults(0, 0, 0, 0, 0, 30_000, 0, 0, 0);

	/** Faults that leave refunds alone beyond the shared rates and counters. */
	public ProviderFaults(double failureRate, double declineRate, long latencyMillis, long jitterMillis,
			double timeoutRate, long timeoutMillis, int failNext, int timeoutNext) {
		this(failureRate, declineRate, latencyMillis, jitterMillis, timeoutRate, timeoutMillis, failNext, timeoutNext,
				0);
	}

	/** Configuration properties bind through this, the canonical constructor: the record has two. */
	@ConstructorBinding
	public ProviderFaults {
		requireRate("failureRate", failureRate);
		requireRate("declineRate", declineRate);
		requireRate("timeoutRate", timeoutRate);
		requireNotNegative("latencyMillis", latencyMillis);
		requireNotNegative("jitterMillis", jitterMillis);
		requireNotNegative("timeoutMillis", timeoutMillis);
		requireNotNegative("failNext", failNext);
		requireNotNegative("timeoutNext", timeoutNext);
		requireNotNegative("failNextRefunds", failNextRefunds);
	}

	ProviderFaults withFailNext(int count) {
		return new ProviderFaults(failureRate, declineRate, latencyMillis, jitterMillis, timeoutRate,
				timeoutMillis, count, timeoutNext, failNextRefunds);
	}

	ProviderFaults withTimeoutNext(int count) {
		return new ProviderFaults(failureRate, declineRate, latencyMillis, jitterMillis, timeoutRate,
				timeoutMillis, failNext, count, failNextRefunds);
	}

	ProviderFaults withFailNextRefunds(int count) {
		return new ProviderFaults(failureRate, declineRate, latencyMillis, jitterMillis, timeoutRate,
				timeoutMillis, failNext, timeoutNext, count);
	}

	private static void requireRate(String name, double rate) {
		if (rate < 0 || rate > 1) {
			throw new IllegalArgumentException(name + " must be between 0 and 1, but is " + rate);
		}
	}

	private static void requireNotNegative(String name, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative, but is " + value);
		}
	}
}
