package dev.ficus.platform.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Exponential backoff with full jitter: before retry {@code n} (n = 1 after the first failure) wait a
 * random time from 0 to {@code min(cap, base * 2^(n-1))}. Callers that failed together spread out over the
 * whole window instead of coming back in a burst, which plain exponential backoff (and a small
 * randomization factor around it) does not achieve.
 */
final class FullJitterBackoff implements IntervalFunction {

	private final long baseMillis;

	private final long capMillis;

	FullJitterBackoff(Duration base, Duration cap) {
		if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
			throw new IllegalArgumentException("Backoff needs 0 < base <= cap, but base is " + base + " and cap " + cap);
		}
		this.baseMillis = base.toMillis();
		this.capMillis = cap.toMillis();
	}

	@Override
	public Long apply(Integer attempt) {
		long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt - 1, 30));
		return ThreadLocalRandom.current().nextLong(ceiling + 1);
	}
}
