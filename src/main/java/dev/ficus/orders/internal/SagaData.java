package dev.ficus.orders.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the saga knows about its order when it builds a command: the order itself and the results of
 * the steps so far.
 *
 * @param totalCents the price the inventory reserved the order at, once reserved
 * @param chargeId the payment provider's charge, once charged
 */
record SagaData(UUID orderId, UUID customerId, List<Line> lines, @Nullable Long totalCents,
		@Nullable String chargeId) {

	record Line(String sku, int quantity) {
	}

	long total() {
		if (totalCents == null) {
			throw new IllegalStateException("Order " + orderId + " has no total before its stock is reserved");
		}
		return totalCents;
	}
}
