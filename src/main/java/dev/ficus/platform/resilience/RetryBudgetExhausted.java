package dev.ficus.platform.resilience;

import org.jspecify.annotations.Nullable;

/**
 * A call failed and could have been retried, but the dependency's retry budget had no retry left: during
 * an outage, retries stop multiplying the load. The cause is the failure that would have been retried.
 */
public class RetryBudgetExhausted extends RuntimeException {

	public RetryBudgetExhausted(String dependency, @Nullable Throwable lastFailure) {
		super("The retry budget of " + dependency + " is exhausted", lastFailure);
	}
}
