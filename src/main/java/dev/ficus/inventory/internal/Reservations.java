package dev.ficus.inventory.internal;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ficus.inventory.InventoryReserved.ReservedLine;

/**
 * The {@code inventory.reservation} tables: what each order holds. One row per order, so every command
 * about an order finds what an earlier delivery of it did.
 */
@Repository
class Reservations {

	enum Status {
		RESERVED, REJECTED, RELEASED, COMMITTED
	}

	record Reservation(String orderId, Status status, @Nullable String reason, long totalCents,
			List<ReservedLine> lines) {
	}

	private final JdbcClient jdbc;

	Reservations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Reservation> lock(String orderId) {
		return jdbc.sql("""
				SELECT status, reason, total_cents FROM inventory.reservation WHERE order_id = ? FOR UPDATE""")
				.param(orderId)
				.query((row, number) -> new Reservation(orderId, Status.valueOf(row.getString("status")),
						row.getString("reason"), row.getLong("total_cents"), lines(orderId)))
				.optional();
	}

	void insert(String orderId, Status status, @Nullable String reason, long totalCents, List<ReservedLine> lines) {

		jdbc.sql("INSERT INTO inventory.reservation (order_id, status, reason, total_cents) VALUES (?, ?, ?, ?)")
				.params(orderId, status.name(), reason, totalCents)
				.update();

		for (ReservedLine line : lines) {
			jdbc.sql("""
					INSERT INTO inventory.reservation_line (order_id, sku, quantity, unit_price_cents)
					VALUES (?, ?, ?, ?)""")
					.params(orderId, line.sku(), line.quantity(), line.unitPriceCents())
					.update();
		}
	}

	void changeStatus(String orderId, Status status) {
		jdbc.sql("UPDATE inventory.reservation SET status = ?, updated_at = now() WHERE order_id = ?")
				.params(status.name(), orderId)
				.update();
	}

	private List<ReservedLine> lines(String orderId) {
		return jdbc.sql("""
				SELECT sku, quantity, unit_price_cents FROM inventory.reservation_line
				WHERE order_id = ? ORDER BY sku""")
				.param(orderId)
				.query(ReservedLine.class)
				.list();
	}
}
