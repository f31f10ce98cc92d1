package dev.ficus.payments.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code payments.charge} table, one row per order. Callers run inside a {@code paymentsTransactions}
 * transaction.
 */
@Repository
class Charges {

	private static final String COLUMNS = """
			order_id, customer_id, amount_cents, status, provider_charge_id, reason, unverified, reply_to, attempts""";

	private final JdbcClient jdbc;

	Charges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a new charge as pending; false when the order has one already. */
	boolean addPending(String orderId, String customerId, long amountCents, @Nullable String replyTo) {
		return jdbc.sql("""
				INSERT INTO payments.charge (order_id, customer_id, amount_cents, status, reply_to)
				VALUES (?, ?, ?, 'PENDING', ?)
				ON CONFLICT (order_id) DO NOTHING""")
				.params(orderId, customerId, amountCents, replyTo)
				.update() == 1;
	}

	/**
	 * Fences an order that was never asked to be charged against any later charge: records it as failed,
	 * so a late {@code ChargePayment} is answered {@code PaymentFailed} without a provider call. False when
	 * the order has a charge already.
	 */
	boolean addCancelled(String orderId, long amountCents, String reason) {
		return jdbc.sql("""
				INSERT INTO payments.charge (order_id, customer_id, amount_cents, status, reason)
				VALUES (?, '', ?, 'FAILED', ?)
				ON CONFLICT (order_id) DO NOTHING""")
				.params(orderId, Math.max(1, amountCents), reason)
				.update() == 1;
	}

	/**
	 * Gives up a pending charge. Its request may still be under way at the provider, so the row stays
	 * unverified: recovery looks the charge up once it is idle and voids whatever it finds.
	 */
	boolean cancelPending(String orderId, String reason) {
		return jdbc.sql("""
				UPDATE payments.charge SET status = 'FAILED', reason = ?, unverified = TRUE, updated_at = now()
				WHERE order_id = ? AND status = 'PENDING'""")
				.params(reason, orderId)
				.update() == 1;
	}

	Optional<Charge> find(String orderId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM payments.charge WHERE order_id = ?")
				.param(orderId)
				.query(Charge.class)
				.optional();
	}

	/** Moves a pending charge to its outcome; false when it was not pending any more. */
	boolean settle(String orderId, Charge.Status status, @Nullable String providerChargeId, @Nullable String reason,
			boolean unverified) {
		return jdbc.sql("""
				UPDATE payments.charge
				SET status = ?, provider_charge_id = ?, reason = ?, unverified = ?, updated_at = now()
				WHERE order_id = ? AND status = 'PENDING'""")
				.params(status.name(), providerChargeId, reason, unverified, orderId)
				.update() == 1;
	}

	/** Pending charges nobody has touched for {@code idle}, claimed by moving their time forward. */
	List<Charge> claimStalePending(Duration idle, int limit) {
		return jdbc.sql("""
				UPDATE payments.charge SET updated_at = now(), attempts = attempts + 1
				WHERE order_id IN (SELECT order_id FROM payments.charge
				                   WHERE status = 'PENDING' AND updated_at < now() - make_interval(secs => ?)
				                   ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING""" + " " + COLUMNS)
				.params(idle.toMillis() / 1000.0, limit)
				.query(Charge.class)
				.list();
	}

	/** Failed charges whose provider outcome is not known yet, idle for {@code idle}, claimed likewise. */
	List<Charge> claimUnverified(Duration idle, int limit) {
		return jdbc.sql("""
				UPDATE payments.charge SET updated_at = now(), attempts = attempts + 1
				WHERE order_id IN (SELECT order_id FROM payments.charge
				                   WHERE unverified AND updated_at < now() - make_interval(secs => ?)
				                   ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED)
				RETURNING""" + " " + COLUMNS)
				.params(idle.toMillis() / 1000.0, limit)
				.query(Charge.class)
				.list();
	}

	/**
	 * Gives back the claim of an unverified charge whose lookup was refused (breaker open, bulkhead full)
	 * and so learnt nothing: the row is due again at the next round, as it was before the claim (it was
	 * idle long enough then, and its creation is no later than that).
	 */
	boolean releaseUnverified(String orderId) {
		return jdbc.sql("""
				UPDATE payments.charge SET updated_at = created_at, attempts = greatest(attempts - 1, 0)
				WHERE order_id = ? AND unverified""")
				.param(orderId)
				.update() == 1;
	}

	/** Records what a lookup found for a failed charge: the provider's charge, or none. */
	boolean verify(String orderId, @Nullable String providerChargeId) {
		return jdbc.sql("""
				UPDATE payments.charge SET unverified = FALSE, provider_charge_id = ?, updated_at = now()
				WHERE order_id = ? AND unverified""")
				.params(providerChargeId, orderId)
				.update() == 1;
	}

	Totals totals() {
		return jdbc.sql("""
				SELECT count(*) AS count, coalesce(sum(amount_cents), 0) AS cents FROM payments.charge
				WHERE provider_charge_id IS NOT NULL""")
				.query(Totals.class)
				.single();
	}

	record Totals(long count, long cents) {
	}
}
