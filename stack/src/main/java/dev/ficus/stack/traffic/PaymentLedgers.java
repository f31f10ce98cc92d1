package dev.ficus.stack.traffic;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Reads the two records of money moved: the payment provider's ledger ({@code GET /v1/ledger} of the
 * simulator) and the payments module's own totals ({@code GET /payments/ledger} of the monolith).
 */
public final class PaymentLedgers {

	private PaymentLedgers() {
	}

	/**
	 * Charges minus refunds the provider made for the given orders. The payments module charges with the
	 * order id as reference; refunds name the charge they return money from.
	 *
	 * @return the net amount, or {@code null} when {@code statement} is not a ledger
	 */
	public static @Nullable Long providerNetForOrders(JsonNode statement, Set<String> orderIds) {

		if (!statement.path("charges").isArray()) {
			return null;
		}
		long net = 0;
		Set<String> charges = new HashSet<>();
		for (JsonNode charge : statement.path("charges")) {
			boolean ours = orderIds.contains(charge.path("reference").asString(""));
			boolean succeeded = !"declined".equals(charge.path("status").asString(""));
			if (ours && succeeded) {
				charges.add(charge.path("id").asString(""));
				net += charge.path("amountCents").asLong();
			}
		}
		for (JsonNode refund : statement.path("refunds")) {
			if (charges.contains(refund.path("chargeId").asString(""))) {
				net -= refund.path("amountCents").asLong();
			}
		}
		return net;
	}

	/** The payments module's {@code netCents}, or {@code null} when it does not serve its totals. */
	static @Nullable Long moduleNet(Api monolith) {

		Api.Response totals = monolith.get("/payments/ledger");
		return totals.isSuccess() && totals.body().path("netCents").isNumber()
				? totals.body().path("netCents").asLong()
				: null;
	}
}
