package dev.ficus.orders.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ficus.orders.Order.CompensationStatus;
import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.Order.StepStatus;
import dev.ficus.orders.OrderStatus;
import dev.ficus.orders.Orders.PlacedOrder;
import dev.ficus.orders.internal.SagaDefinition.Phase;
import dev.ficus.platform.idempotency.IdempotencyKey;

/**
 * The orders schema: orders, their lines, and the state of their sagas. Callers run inside an
 * {@code ordersTransactions} transaction.
 */
@Repository
class SagaStore {

	private static final String SAGA_COLUMNS = """
			s.id, s.order_id, o.customer_id, s.state, s.current_step, s.awaiting, s.due_at, s.completion_attempts,
			s.failure, s.total_cents, s.charge_id, s.shipment_id""";

	private final JdbcClient jdbc;

	SagaStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the order and its lines, unless an order was placed with the same idempotency key (or is
	 * being placed by a transaction that then commits): then nothing is written and that order is returned.
	 *
	 * @param key the client's idempotency key the order is placed with, or {@code null} for none
	 * @return empty when this order was inserted, else the order placed earlier with the key
	 */
	Optional<EarlierOrder> insertOrder(UUID orderId, UUID customerId, List<SagaData.Line> lines,
			@Nullable IdempotencyKey key, Instant placedAt) {

		int inserted = jdbc.sql("""
				INSERT INTO orders.purchase_order
				  (id, customer_id, status, placed_at, updated_at, client_id, idempotency_key)
				VALUES (?, ?, 'PENDING', ?, ?, ?, ?)
				ON CONFLICT (client_id, idempotency_key) DO NOTHING""")
				.params(orderId, customerId, timestamp(placedAt), timestamp(placedAt),
						key == null ? null : key.client(), key == null ? null : key.value())
				.update();

		if (inserted == 0) {
			// Only a key can conflict (PostgreSQL never matches two NULLs), and the order holding it has
			// committed: ON CONFLICT waited for its transaction.
			return Optional.of(placedWith(Objects.requireNonNull(key)).orElseThrow(
					() -> new IllegalStateException("The order placed with idempotency key " + key + " vanished")));
		}

		for (int position = 0; position < lines.size(); position++) {
			jdbc.sql("INSERT INTO orders.order_line (order_id, position, sku, quantity) VALUES (?, ?, ?, ?)")
					.params(orderId, position, lines.get(position).sku(), lines.get(position).quantity())
					.update();
		}
		return Optional.empty();
	}

	private Optional<EarlierOrder> placedWith(IdempotencyKey key) {
		return jdbc.sql("""
				SELECT o.id, o.customer_id, o.status, s.id AS saga_id FROM orders.purchase_order o
				JOIN orders.saga s ON s.order_id = o.id
				WHERE o.client_id = ? AND o.idempotency_key = ?""")
				.params(key.client(), key.value())
				.query((row, number) -> {
					UUID orderId = row.getObject("id", UUID.class);
					return new EarlierOrder(new PlacedOrder(orderId, row.getObject("saga_id", UUID.class),
							OrderStatus.valueOf(row.getString("status"))), row.getObject("customer_id", UUID.class),
							lines(orderId));
				})
				.optional();
	}

	/** An order placed before with the same idempotency key, and what it was placed for. */
	record EarlierOrder(PlacedOrder placed, UUID customerId, List<SagaData.Line> lines) {
	}

	void insert(Saga saga, Instant now) {

		jdbc.sql("""
				INSERT INTO orders.saga (id, order_id, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)""")
				.params(saga.id, saga.orderId, saga.state.name(), timestamp(now), timestamp(now))
				.update();

		for (SagaStep step : saga.steps) {
			jdbc.sql("INSERT INTO orders.saga_step (saga_id, position, name, status) VALUES (?, ?, ?, ?)")
					.params(saga.id, step.position, step.name, step.status.name())
					.update();
		}
	}

	/** Loads the order's saga and locks it until the transaction ends; a concurrent reply waits. */
	Optional<Saga> lockByOrder(UUID orderId) {
		return jdbc.sql("SELECT " + SAGA_COLUMNS + """
				 FROM orders.saga s JOIN orders.purchase_order o ON o.id = s.order_id
				WHERE s.order_id = ? FOR UPDATE OF s""")
				.param(orderId)
				.query(this::saga)
				.optional();
	}

	/**
	 * Claims the saga that has been due longest, skipping any that another instance or a reply holds, so
	 * several instances can sweep at once without acting twice on one saga.
	 */
	Optional<Saga> claimDue(Instant now) {
		return jdbc.sql("SELECT " + SAGA_COLUMNS + """
				 FROM orders.saga s JOIN orders.purchase_order o ON o.id = s.order_id
				WHERE s.due_at <= ? ORDER BY s.due_at LIMIT 1 FOR UPDATE OF s SKIP LOCKED""")
				.param(timestamp(now))
				.query(this::saga)
				.optional();
	}

	void save(Saga saga, Instant now) {

		jdbc.sql("""
				UPDATE orders.saga SET state = ?, current_step = ?, awaiting = ?, due_at = ?, completion_attempts = ?,
				  failure = ?, total_cents = ?, charge_id = ?, shipment_id = ?, updated_at = ?
				WHERE id = ?""")
				.params(saga.state.name(), saga.currentStep, saga.awaiting == null ? null : saga.awaiting.name(),
						timestamp(saga.dueAt), saga.completionAttempts, saga.failure, saga.totalCents,
						saga.chargeId, saga.shipmentId, timestamp(now), saga.id)
				.update();

		for (SagaStep step : saga.steps) {
			jdbc.sql("""
					UPDATE orders.saga_step SET status = ?, attempts = ?, last_error = ?, started_at = ?,
					  finished_at = ?, compensation_status = ?, compensation_attempts = ?,
					  compensation_last_error = ?
					WHERE saga_id = ? AND position = ?""")
					.params(step.status.name(), step.attempts, step.lastError, timestamp(step.startedAt),
							timestamp(step.finishedAt),
							step.compensationStatus == null ? null : step.compensationStatus.name(),
							step.compensationAttempts, step.compensationLastError, saga.id, step.position)
					.update();
		}
	}

	void postpone(UUID sagaId, Instant until) {
		jdbc.sql("UPDATE orders.saga SET due_at = ? WHERE id = ? AND due_at IS NOT NULL")
				.params(timestamp(until), sagaId)
				.update();
	}

	List<SagaData.Line> lines(UUID orderId) {
		return jdbc.sql("SELECT sku, quantity FROM orders.order_line WHERE order_id = ? ORDER BY position")
				.param(orderId)
				.query(SagaData.Line.class)
				.list();
	}

	void priceLine(UUID orderId, String sku, long unitPriceCents) {
		jdbc.sql("UPDATE orders.order_line SET price_cents = ? WHERE order_id = ? AND sku = ?")
				.params(unitPriceCents, orderId, sku)
				.update();
	}

	void settleOrder(UUID orderId, OrderStatus status, @Nullable Long totalCents, @Nullable String rejectionReason,
			Instant now) {
		jdbc.sql("""
				UPDATE orders.purchase_order SET status = ?, total_cents = ?, rejection_reason = ?, updated_at = ?
				WHERE id = ?""")
				.params(status.name(), totalCents, rejectionReason, timestamp(now), orderId)
				.update();
	}

	void priceOrder(UUID orderId, long totalCents, Instant now) {
		jdbc.sql("UPDATE orders.purchase_order SET total_cents = ?, updated_at = ? WHERE id = ?")
				.params(totalCents, timestamp(now), orderId)
				.update();
	}

	private Saga saga(ResultSet row, int number) throws SQLException {

		UUID id = row.getObject("id", UUID.class);
		var saga = new Saga(id, row.getObject("order_id", UUID.class), row.getObject("customer_id", UUID.class),
				steps(id), SagaState.valueOf(row.getString("state")));

		saga.currentStep = row.getString("current_step");
		String awaiting = row.getString("awaiting");
		saga.awaiting = awaiting == null ? null : Phase.valueOf(awaiting);
		saga.dueAt = instant(row.getTimestamp("due_at"));
		saga.completionAttempts = row.getInt("completion_attempts");
		saga.failure = row.getString("failure");
		saga.totalCents = row.getObject("total_cents", Long.class);
		saga.chargeId = row.getString("charge_id");
		saga.shipmentId = row.getString("shipment_id");
		return saga;
	}

	private List<SagaStep> steps(UUID sagaId) {
		return jdbc.sql("SELECT * FROM orders.saga_step WHERE saga_id = ? ORDER BY position")
				.param(sagaId)
				.query((row, number) -> {
					var step = new SagaStep(row.getInt("position"), row.getString("name"));
					step.status = StepStatus.valueOf(row.getString("status"));
					step.attempts = row.getInt("attempts");
					step.lastError = row.getString("last_error");
					step.startedAt = instant(row.getTimestamp("started_at"));
					step.finishedAt = instant(row.getTimestamp("finished_at"));
					String compensation = row.getString("compensation_status");
					step.compensationStatus = compensation == null ? null : CompensationStatus.valueOf(compensation);
					step.compensationAttempts = row.getInt("compensation_attempts");
					step.compensationLastError = row.getString("compensation_last_error");
					return step;
				})
				.list();
	}

	static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
