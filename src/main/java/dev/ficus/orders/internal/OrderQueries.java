package dev.ficus.orders.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.orders.Order;
import dev.ficus.orders.Order.Compensation;
import dev.ficus.orders.Order.CompensationStatus;
import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.Order.Step;
import dev.ficus.orders.Order.StepStatus;
import dev.ficus.orders.OrderStats;
import dev.ficus.orders.OrderStatus;

/** Reads orders together with their sagas, as operators and clients see them. */
@Repository
public class OrderQueries {

	private static final String ORDER_COLUMNS = """
			SELECT o.id, o.customer_id, o.status, o.total_cents, o.placed_at, o.rejection_reason, s.id AS saga_id,
			  s.state FROM orders.purchase_order o JOIN orders.saga s ON s.order_id = o.id""";

	private final JdbcClient jdbc;

	OrderQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(value = "ordersTransactions", readOnly = true)
	public Optional<Order> find(UUID orderId) {
		return jdbc.sql(ORDER_COLUMNS + " WHERE o.id = ?")
				.param(orderId)
				.query(this::order)
				.optional();
	}

	/** The customer's latest orders, newest first. */
	@Transactional(value = "ordersTransactions", readOnly = true)
	public List<Order> byCustomer(UUID customerId, int limit) {
		return jdbc.sql(ORDER_COLUMNS + " WHERE o.customer_id = ? ORDER BY o.placed_at DESC, o.id LIMIT ?")
				.params(customerId, limit)
				.query(this::order)
				.list();
	}

	/** The latest orders of anyone, newest first. */
	@Transactional(value = "ordersTransactions", readOnly = true)
	public List<Order> latest(int limit) {
		return jdbc.sql(ORDER_COLUMNS + " ORDER BY o.placed_at DESC, o.id LIMIT ?")
				.param(limit)
				.query(this::order)
				.list();
	}

	@Transactional(value = "ordersTransactions", readOnly = true)
	public OrderStats stats() {

		Map<OrderStatus, Long> orders = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			orders.put(status, 0L);
		}
		jdbc.sql("SELECT status, count(*) AS n FROM orders.purchase_order GROUP BY status")
				.query((row, number) -> orders.put(OrderStatus.valueOf(row.getString("status")), row.getLong("n")))
				.list();

		Map<SagaState, Long> sagas = new EnumMap<>(SagaState.class);
		for (SagaState state : SagaState.values()) {
			sagas.put(state, 0L);
		}
		jdbc.sql("SELECT state, count(*) AS n FROM orders.saga GROUP BY state")
				.query((row, number) -> sagas.put(SagaState.valueOf(row.getString("state")), row.getLong("n")))
				.list();

		return new OrderStats(orders, sagas);
	}

	private Order order(ResultSet row, int number) throws SQLException {

		UUID orderId = row.getObject("id", UUID.class);
		UUID sagaId = row.getObject("saga_id", UUID.class);

		return new Order(orderId, row.getObject("customer_id", UUID.class),
				OrderStatus.valueOf(row.getString("status")), row.getObject("total_cents", Long.class), lines(orderId),
				row.getTimestamp("placed_at").toInstant(), row.getString("rejection_reason"),
				new Order.Saga(sagaId, SagaState.valueOf(row.getString("state")), steps(sagaId)));
	}

	private List<Order.Line> lines(UUID orderId) {
		return jdbc.sql("SELECT sku, quantity, price_cents FROM orders.order_line WHERE order_id = ? ORDER BY position")
				.param(orderId)
				.query((row, number) -> new Order.Line(row.getString("sku"), row.getInt("quantity"),
						row.getObject("price_cents", Long.class)))
				.list();
	}

	private List<Step> steps(UUID sagaId) {
		return jdbc.sql("SELECT * FROM orders.saga_step WHERE saga_id = ? ORDER BY position")
				.param(sagaId)
				.query((row, number) -> {
					String compensationStatus = row.getString("compensation_status");
					Compensation compensation = compensationStatus == null ? null
							: new Compensation(CompensationStatus.valueOf(compensationStatus),
									row.getInt("compensation_attempts"), row.getString("compensation_last_error"));

					return new Step(row.getString("name"), StepStatus.valueOf(row.getString("status")),
							row.getInt("attempts"), row.getString("last_error"),
							SagaStore.instant(row.getTimestamp("started_at")),
							SagaStore.instant(row.getTimestamp("finished_at")), compensation);
				})
				.list();
	}
}
