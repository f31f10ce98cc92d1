package dev.ficus.payments.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code payments.refund} table, one row per order. Callers run inside a {@code paymentsTransactions}
 * transaction.
 */
@Repository
class Refunds {

	private static final String COLUMNS = """
			order_id, provider_charge_id, amount_cents, status, provider_refund_id, reason,
			void AS void_of_failed_charge, reply_to, attempts""";

	private final JdbcClient jdbc;

	Refunds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a new refund as pending; false when the order has one already. */
	boolean addPending(String orderId, String providerChargeId, long amountCents, boolean voidOfFailedCharge,
			@Nullable String replyTo) {
		return jdbc.sql("""
				INSERT INTO payments.refund (order_id, provider_charge_id, amount_cents, status, void, reply_to)
				VALUES (?, ?, ?, 'PENDING', ?, ?)
				ON CONFLICT (order_id) DO NOTHING""")
				.params(orderId, providerChargeId, amountCents, voidOfFailedCharge, replyTo)
				.update() == 1;
	}

	Optional<Refund> find(String orderId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM payments.refund WHERE order_id = ?")
				.param(orderId)
				.query(Refund.class)
				.optional();
	}

	/** Makes a failed refund pending again for a new attempt; false when it was not failed. */
	boolean retry(String orderId, @Nullable String replyTo) {
		return jdbc.sql("""
				UPDATE payments.refund SET status = 'PENDING', reply_to = ?, reason = NULL, updated_at = now(),
				  attempts = attempts + 1
				WHERE order_id = ? AND status = 'FAILED'""")
				.params(replyTo, orderId)
				.update() == 1;
	}

	/** Moves a pending refund to its outcome; false when it was not pending any more. */
	boolean settle(String orderId, Refund.Status status, @Nullable String providerRefundId, @Nullable String reason) {
		return jdbc.sql("""
				UPDATE payments.refund SET status = ?, provider_refund_id = ?, reason = ?, updated_at = now()
				WHERE order_id = ? AND status = 'PENDING'""")
				.params(status.name(), providerRefundId, reason, orderId)
				.update() == 1;
	}

	/** Pending refunds nobody has touched for {@code idle}, claimed by moving their time forward. */
	List<Refund> claimStalePending(Duration idle, int limit) {
		return jdbc.sql("""
				UPDATE payments.refund SET updated_at = now(), attempts = attempts + 1
				WHERE order_id IN (SELECT order_id FROM payments.refund
				                   WHERE status = 'PENDING' AND updated_at < now() - make_interval(secs => ?)
				                   ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING""" + " " + COLUMNS)
				.params(idle.toMillis() / 1000.0, limit)
				.query(Refund.class)
				.list();
	}

	/**
	 * Gives back the claim of a pending void whose call was refused (breaker open, bulkhead full), so the
	 * next round takes it again; see {@link Charges#releaseUnverified}. A void just queued and refused
	 * at once stays due an idle period after its creation, as before.
	 */
	boolean releasePendingVoid(String orderId) {
		return jdbc.sql("""
				UPDATE payments.refund SET updated_at = created_at, attempts = greatest(attempts - 1, 0)
				WHERE order_id = ? AND status = 'PENDING' AND void""")
				.param(orderId)
				.update() == 1;
	}

	Charges.Totals totals() {
		return jdbc.sql("""
				SELECT count(*) AS count, coalesce(sum(amount_cents), 0) AS cents FROM payments.refund
				WHERE status = 'REFUNDED'""")
				.query(Charges.Totals.class)
				.single();
	}
}
