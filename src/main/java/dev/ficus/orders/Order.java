package dev.ficus.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An order and the state of its placement saga: everything an operator asks about order X in one read.
 *
 * @param totalCents what the order costs, known once the inventory priced it
 * @param rejectionReason why the order was rejected; absent unless {@link OrderStatus#REJECTED}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Order(UUID orderId, UUID customerId, OrderStatus status, @Nullable Long totalCents, List<Line> lines,
		Instant placedAt, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String rejectionReason, Saga saga) {

	/** @param priceCents the unit price the inventory reserved it at, once known */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Line(String sku, int quantity, @Nullable Long priceCents) {
	}

	public record Saga(UUID sagaId, SagaState state, List<Step> steps) {
	}

	/**
	 * @param attempts how often the step's command was sent
	 * @param compensation how undoing the step went; {@code null} while it needs no undoing
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Step(String name, StepStatus status, int attempts, @Nullable String lastError,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable Compensation compensation) {
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Compensation(CompensationStatus status, int attempts, @Nullable String lastError) {
	}

	public enum SagaState {
		RUNNING, COMPENSATING, COMPLETED, COMPENSATED;

		public boolean terminal() {
			return this == COMPLETED || this == COMPENSATED;
		}
	}

	public enum StepStatus {
		PENDING, RUNNING, SUCCEEDED, FAILED, COMPENSATING, COMPENSATED, COMPENSATION_FAILED, SKIPPED
	}

	public enum CompensationStatus {
		PENDING, RUNNING, SUCCEEDED, FAILED
	}
}
