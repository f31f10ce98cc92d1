package dev.ficus.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.internal.SagaDefinition.Phase;

/**
 * One run of the order placement saga as loaded, locked, from the {@code orders} schema. The coordinator
 * changes it and {@link SagaStore#save} writes it back in the same transaction as the commands it sent.
 */
final class Saga {

	final UUID id;

	final UUID orderId;

	final UUID customerId;

	final List<SagaStep> steps;

	SagaState state;

	/** The step whose reply the saga waits for; {@code null} while it waits for none or for the completion. */
	@Nullable String currentStep;

	/** What the saga waits for; {@code null} once it has ended. */
	@Nullable Phase awaiting;

	/** When the sweeper acts if the awaited reply has not come: resend, give up or retry. */
	@Nullable Instant dueAt;

	int completionAttempts;

	@Nullable String failure;

	@Nullable Long totalCents;

	@Nullable String chargeId;

	@Nullable String shipmentId;

	Saga(UUID id, UUID orderId, UUID customerId, List<SagaStep> steps, SagaState state) {
		this.id = id;
		this.orderId = orderId;
		this.customerId = customerId;
		this.steps = steps;
		this.state = state;
	}

	SagaStep step(String name) {
		return steps.stream()
				.filter(step -> step.name.equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Saga " + id + " has no step " + name));
	}

	SagaStep current() {
		if (currentStep == null) {
			throw new IllegalStateException("Saga " + id + " of order " + orderId + " waits for no step");
		}
		return step(currentStep);
	}

	void await(Phase phase, @Nullable String step, Instant dueAt) {
		this.awaiting = phase;
		this.currentStep = step;
		this.dueAt = dueAt;
	}

	void end(SagaState state) {
		this.state = state;
		this.awaiting = null;
		this.currentStep = null;
		this.dueAt = null;
	}
}
