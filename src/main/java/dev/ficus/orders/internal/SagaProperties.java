package dev.ficus.orders.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Timing of the order placement saga ({@code ficus.orders.saga.*}).
 *
 * @param stepTimeout how long a command waits for its reply before it is sent again
 * @param maxAttempts how often a step's command is sent before the step fails for lack of a reply
 * @param compensationBackoff the wait before asking again after a compensation failed; doubles each time
 * @param maxCompensationBackoff the longest wait between two tries of a compensation
 * @param maxCompensationAttempts how often a compensation is tried before it is recorded as failed and
 *     left to an operator, so the compensations of earlier steps still run
 * @param sweepInterval how often the sweeper looks for sagas whose wait is over
 * @param sweepBatch the most sagas one sweep acts on
 */
@Validated
@ConfigurationProperties("ficus.orders.saga")
public record SagaProperties(
		@NotNull @DefaultValue("30s") Duration stepTimeout,
		@Min(1) @Max(100) @DefaultValue("3") int maxAttempts,
		@NotNull @DefaultValue("1s") Duration compensationBackoff,
		@NotNull @DefaultValue("5m") Duration maxCompensationBackoff,
		@Min(1) @Max(1000) @DefaultValue("10") int maxCompensationAttempts,
		@NotNull @DefaultValue("1s") Duration sweepInterval,
		@Min(1) @Max(10_000) @DefaultValue("100") int sweepBatch) {

	/** The wait before the next try of a compensation that failed {@code failures} times. */
	Duration backoffAfter(int failures) {

		Duration wait = compensationBackoff.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));

		return wait.compareTo(maxCompensationBackoff) > 0 ? maxCompensationBackoff : wait;
	}
}
