package dev.ficus.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.ficus.customers.Customers;
import dev.ficus.orders.internal.OrderQueries;
import dev.ficus.orders.internal.SagaCoordinator;
import dev.ficus.platform.idempotency.IdempotencyKey;

/**
 * The orders module's API: place an order, which starts its placement saga, and read orders with the
 * state of their sagas.
 */
@Service
public class Orders {

	private final Customers customers;

	private final SagaCoordinator coordinator;

	private final OrderQueries queries;

	Orders(Customers customers, SagaCoordinator coordinator, OrderQueries queries) {
		this.customers = customers;
		this.coordinator = coordinator;
		this.queries = queries;
	}

	/**
	 * Records the order as pending and starts its saga; the saga decides whether it completes. Whether the
	 * SKUs exist or are in stock is the inventory's answer to give, not a reason to refuse here.
	 *
	 * @param lines one per SKU, as validated at the edge (1 to 100 lines, quantities 1 to 1000)
	 * @throws UnknownCustomer if the customers module does not know the customer
	 */
	public PlacedOrder place(UUID customerId, List<OrderLine> lines) {
		return place(customerId, lines, null);
	}

	/**
	 * Places the order as {@link #place(UUID, List)} does, once per idempotency key: the key is stored
	 * with the order, and placing again with it returns the order placed first, in whatever state it is now.
	 *
	 * @param key the client's key of the request placing the order, or {@code null} for none
	 */
	public PlacedOrder place(UUID customerId, List<OrderLine> lines, @Nullable IdempotencyKey key) {

		// Checked in a customers transaction of its own, before the orders transaction starts: a nested
		// call would run under the orders role, which may not read the customers schema.
		if (!customers.exists(customerId)) {
			throw new UnknownCustomer(customerId);
		}

		return coordinator.start(UUID.randomUUID(), customerId, lines, key, Instant.now());
	}

	public Optional<Order> find(UUID orderId) {
		return queries.find(orderId);
	}

	public List<Order> byCustomer(UUID customerId, int limit) {
		return queries.byCustomer(customerId, limit);
	}

	public List<Order> latest(int limit) {
		return queries.latest(limit);
	}

	public OrderStats stats() {
		return queries.stats();
	}

	public record OrderLine(String sku, int quantity) {
	}

	public record PlacedOrder(UUID orderId, UUID sagaId, OrderStatus status) {
	}
}
