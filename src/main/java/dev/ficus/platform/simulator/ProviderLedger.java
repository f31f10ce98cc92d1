package dev.ficus.platform.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the simulated provider remembers: every charge attempt by idempotency key (a declined one too, so
 * a replay is declined again) and every refund by its own idempotency key. One lock guards it all; the
 * simulator never sleeps while holding it.
 */
final class ProviderLedger {

	private final Map<String, Charge> chargesByKey = new HashMap<>();

	private final Map<String, Charge> chargesById = new HashMap<>();

	private final Map<String, Refund> refundsByKey = new HashMap<>();

	private final List<Refund> refunds = new ArrayList<>();

	/** The charge recorded for the key, or a new one, approved or declined as {@code declined} says. */
	synchronized Recorded<Charge> charge(String idempotencyKey, String reference, String customer,
			long amountCents, boolean declined) {

		Charge known = chargesByKey.get(idempotencyKey);
		if (known != null) {
			return new Recorded<>(known, true);
		}

		var charge = new Charge(declined ? "dc_" + UUID.randomUUID() : "ch_" + UUID.randomUUID(), idempotencyKey,
				reference, customer, amountCents, declined ? "declined" : "succeeded",
				declined ? "card_declined" : null, Instant.now());
		chargesByKey.put(idempotencyKey, charge);
		if (!declined) {
			chargesById.put(charge.id(), charge);
		}
		return new Recorded<>(charge, false);
	}

	synchronized Optional<Charge> chargeFor(String idempotencyKey) {
		return Optional.ofNullable(chargesByKey.get(idempotencyKey));
	}

	/**
	 * The refund recorded for the key, or a new one.
	 *
	 * @throws RefundRefused when the charge is unknown or the refunds would exceed it
	 */
	synchronized Recorded<Refund> refund(String idempotencyKey, String chargeId, long amountCents) {

		Refund known = refundsByKey.get(idempotencyKey);
		if (known != null) {
			return new Recorded<>(known, true);
		}

		Charge charge = chargesById.get(chargeId);
		if (charge == null) {
			throw new RefundRefused(404, "no_such_charge", "No successful charge " + chargeId);
		}
		long alreadyRefunded = refunds.stream()
				.filter(refund -> refund.chargeId().equals(chargeId))
				.mapToLong(Refund::amountCents)
				.sum();
		if (alreadyRefunded + amountCents > charge.amountCents()) {
			throw new RefundRefused(409, "refund_exceeds_charge", "Charge " + chargeId + " of "
					+ charge.amountCents() + " cents has " + alreadyRefunded + " cents refunded already");
		}

		var refund = new Refund("re_" + UUID.randomUUID(), idempotencyKey, chargeId, amountCents, Instant.now());
		refundsByKey.put(idempotencyKey, refund);
		refunds.add(refund);
		return new Recorded<>(refund, false);
	}

	synchronized Statement statement() {

		List<Charge> charges = chargesById.values().stream()
				.sorted((one, other) -> one.createdAt().compareTo(other.createdAt()))
				.toList();
		long charged = charges.stream().mapToLong(Charge::amountCents).sum();
		long refunded = refunds.stream().mapToLong(Refund::amountCents).sum();
		long declines = chargesByKey.size() - charges.size();

		return new Statement(charges, List.copyOf(refunds), declines, charged, refunded, charged - refunded);
	}

	record Charge(String id, String idempotencyKey, String reference, String customer, long amountCents,
			String status, @Nullable String declineCode, Instant createdAt) {

		boolean declined() {
			return "declined".equals(status);
		}
	}

	record Refund(String id, String idempotencyKey, String chargeId, long amountCents, Instant createdAt) {
	}

	/** Something the ledger holds, and whether it was there before this request. */
	record Recorded<T>(T value, boolean replayed) {
	}

	/** Everything the provider did: successful charges, refunds and their totals. */
	record Statement(List<Charge> charges, List<Refund> refunds, long declinedAttempts, long chargedCents,
			long refundedCents, long netCents) {
	}

	static final class RefundRefused extends RuntimeException {

		private final int status;

		private final String code;

		RefundRefused(int status, String code, String message) {
			super(message);
			this.status = status;
			this.code = code;
		}

		int status() {
			return status;
		}

		String code() {
			return code;
		}
	}
}
