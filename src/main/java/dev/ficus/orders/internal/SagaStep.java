package dev.ficus.orders.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.ficus.orders.Order.CompensationStatus;
import dev.ficus.orders.Order.StepStatus;

/** One step of a {@link Saga}: how its command and, if it came to that, its compensation went. */
final class SagaStep {

	final int position;

	final String name;

	StepStatus status = StepStatus.PENDING;

	int attempts;

	@Nullable String lastError;

	@Nullable Instant startedAt;

	@Nullable Instant finishedAt;

	@Nullable CompensationStatus compensationStatus;

	int compensationAttempts;

	@Nullable String compensationLastError;

	SagaStep(int position, String name) {
		this.position = position;
		this.name = name;
	}
}
