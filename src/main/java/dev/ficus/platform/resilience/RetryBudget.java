package dev.ficus.platform.resilience;

/**
 * A token bucket that limits retries to a share of calls, so that retries cannot multiply the load on a
 * dependency that is already failing.
 *
 * <p>Every call (first attempt) deposits {@code ratio} tokens, up to {@code capacity}; every retry must
 * withdraw one whole token or is not made. With a ratio of 0.2 a dependency sees at most 1.2 requests per
 * call once the bucket is empty, instead of 3 with three attempts and no budget. The bucket starts full,
 * so a few retries are always allowed after a quiet period.
 */
public final class RetryBudget {

	private final double ratio;

	private final double capacity;

	private double tokens;

	public RetryBudget(double ratio, double capacity) {
		if (ratio < 0 || ratio > 1) {
			throw new IllegalArgumentException("The retry budget ratio must be between 0 and 1, but is " + ratio);
		}
		if (capacity < 1) {
			throw new IllegalArgumentException("The retry budget capacity must be at least 1, but is " + capacity);
		}
		this.ratio = ratio;
		this.capacity = capacity;
		this.tokens = capacity;
	}

	/** Records a call, which earns {@code ratio} of a retry. */
	public synchronized void deposit() {
		tokens = Math.min(capacity, tokens + ratio);
	}

	/** Takes one retry from the budget; false when there is none left. */
	public synchronized boolean tryWithdraw() {
		if (tokens < 1) {
			return false;
		}
		tokens -= 1;
		return true;
	}

	/** Retries that may be made now. */
	public synchronized double available() {
		return tokens;
	}

	/** Fills the bucket again. */
	public synchronized void refill() {
		tokens = capacity;
	}
}
