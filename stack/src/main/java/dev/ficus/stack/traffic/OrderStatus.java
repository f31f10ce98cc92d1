package dev.ficus.stack.traffic;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * What the platform last said about an order ({@code GET /orders/{id}}).
 *
 * @param reason why it was rejected (the platform's reason, else the saga step that failed), else empty
 * @param totalCents the order's total as the platform computed it, when it said
 * @param sagaState the state of the order's saga, when the answer carried it
 */
public record OrderStatus(State state, String reason, @Nullable Long totalCents, @Nullable String sagaState) {

	public static final OrderStatus PENDING = new OrderStatus(State.PENDING, "", null, null);

	private static final Set<String> TERMINAL_SAGA_STATES = Set.of("COMPLETED", "COMPENSATED");

	public enum State {
		PENDING, COMPLETED, REJECTED
	}

	/**
	 * Terminal once the order is decided and, when the platform reports its saga, the saga has finished
	 * too: a rejected order may still be undoing earlier steps.
	 */
	public boolean isTerminal() {
		return state != State.PENDING && (sagaState == null || TERMINAL_SAGA_STATES.contains(sagaState));
	}

	/** Reads the answer of {@code GET /orders/{id}}; unknown statuses count as pending. */
	public static OrderStatus from(JsonNode order) {

		String status = text(order, "status").toUpperCase(Locale.ROOT);
		State state = switch (status) {
			case "COMPLETED" -> State.COMPLETED;
			case "REJECTED", "CANCELLED", "FAILED" -> State.REJECTED;
			default -> State.PENDING;
		};
		Long total = order.path("totalCents").isNumber() ? order.path("totalCents").asLong() : null;
		JsonNode saga = order.path("saga");
		String sagaState = saga.path("state").isString() ? saga.path("state").asString() : null;

		return new OrderStatus(state, state == State.REJECTED ? reason(order) : "", total, sagaState);
	}

	private static String reason(JsonNode order) {

		for (String field : new String[] { "rejectionReason", "reason", "failureReason" }) {
			if (!text(order, field).isBlank()) {
				return text(order, field);
			}
		}
		for (JsonNode step : order.path("saga").path("steps")) {
			String stepStatus = (text(step, "status") + text(step, "state")).toUpperCase(Locale.ROOT);
			if (stepStatus.contains("FAIL")) {
				String reason = text(step, "reason");
				return text(step, "name") + text(step, "step") + (reason.isBlank() ? "" : ": " + reason);
			}
		}
		return "unknown";
	}

	private static String text(JsonNode node, String field) {
		return node.path(field).isValueNode() ? node.path(field).asString() : "";
	}
}
