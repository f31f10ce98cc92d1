package dev.ficus.stack.faults;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Effects the payment provider made twice, read from its whole ledger ({@code GET /v1/ledger} of the
 * simulator): more than one successful charge for one order (the payments module charges with the order
 * id as reference), or more than one refund of one charge. Either is money moved twice.
 */
final class ProviderDuplicates {

	private ProviderDuplicates() {
	}

	/** Orders charged more than once plus charges refunded more than once; -1 when it is not a ledger. */
	static int count(JsonNode ledger) {

		if (!ledger.path("charges").isArray()) {
			return -1;
		}
		Map<String, Integer> chargesPerOrder = new HashMap<>();
		for (JsonNode charge : ledger.path("charges")) {
			if (!"declined".equals(charge.path("status").asString(""))) {
				chargesPerOrder.merge(charge.path("reference").asString(""), 1, Integer::sum);
			}
		}
		Map<String, Integer> refundsPerCharge = new HashMap<>();
		for (JsonNode refund : ledger.path("refunds")) {
			refundsPerCharge.merge(refund.path("chargeId").asString(""), 1, Integer::sum);
		}
		return (int) (chargesPerOrder.values().stream().filter(count -> count > 1).count()
				+ refundsPerCharge.values().stream().filter(count -> count > 1).count());
	}
}
