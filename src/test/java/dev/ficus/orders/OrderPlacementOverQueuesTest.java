package dev.ficus.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import dev.ficus.customers.Customers;
import dev.ficus.inventory.Inventory;
import dev.ficus.inventory.Item;
import dev.ficus.inventory.StockCount;
import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.Orders.OrderLine;
import dev.ficus.platform.simulator.PaymentProviderSimulator;
import dev.ficus.platform.simulator.ProviderFaults;

/**
 * The saga end to end over the real outbox, relay, SQS queues (ElasticMQ) and inboxes, with every
 * participant in this process and payments charged at the embedded payment provider simulator.
 */
@SpringBootTest(properties = "ficus.orders.saga.sweep-interval=200ms")
@ActiveProfiles("test")
class OrderPlacementOverQueuesTest {

	private static final Duration SETTLED_WITHIN = Duration.ofSeconds(90);

	@Autowired
	Orders orders;

	@Autowired
	Customers customers;

	@Autowired
	Inventory inventory;

	@Autowired
	PaymentProviderSimulator provider;

	@Test
	void completesAnOrderOverTheQueues() {

		String sku = stocked(5, 300);
		UUID orderId = orders.place(customer(), List.of(new OrderLine(sku, 2))).orderId();

		await().atMost(SETTLED_WITHIN).until(() -> order(orderId).status() == OrderStatus.COMPLETED);

		assertThat(order(orderId).totalCents()).isEqualTo(600);
		assertThat(order(orderId).saga().state()).isEqualTo(SagaState.COMPLETED);
		assertThat(inventory.find(sku)).contains(new Item(sku, "Thing", 300, 3, 0, 2));
	}

	@Test
	void compensatesADeclinedPaymentOverTheQueues() {

		String sku = stocked(5, 300);
		UUID orderId;
		provider.changeFaults(new ProviderFaults(0, 1, 0, 0, 0, 30_000, 0, 0));
		try {
			orderId = orders.place(customer(), List.of(new OrderLine(sku, 2))).orderId();
			await().atMost(SETTLED_WITHIN).until(() -> order(orderId).status() == OrderStatus.REJECTED);
		}
		finally {
			provider.resetFaults();
		}

		assertThat(order(orderId).saga().state()).isEqualTo(SagaState.COMPENSATED);
		assertThat(order(orderId).rejectionReason()).startsWith("charge-payment failed: declined");
		assertThat(inventory.find(sku)).contains(new Item(sku, "Thing", 300, 5, 0, 0));
	}

	@Test
	void keepsStockConservedWhenMoreOrdersComeThanThereIsStock() {

		String sku = stocked(6, 100);
		List<UUID> placed = new ArrayList<>();
		for (int order = 0; order < 10; order++) {
			placed.add(orders.place(customer(), List.of(new OrderLine(sku, 1))).orderId());
		}

		await().atMost(SETTLED_WITHIN)
				.until(() -> placed.stream().allMatch(orderId -> order(orderId).saga().state().terminal()));

		List<OrderStatus> outcomes = placed.stream().map(orderId -> order(orderId).status()).toList();
		assertThat(outcomes).filteredOn(status -> status == OrderStatus.COMPLETED).hasSize(6);
		assertThat(outcomes).filteredOn(status -> status == OrderStatus.REJECTED).hasSize(4);
		assertThat(inventory.find(sku)).contains(new Item(sku, "Thing", 100, 0, 0, 6));
		assertThat(inventory.stockCounts()).allMatch(StockCount::conserved);
	}

	private UUID customer() {
		return customers.register("Edsger Dijkstra", "edsger@example.com").id();
	}

	private String stocked(int stock, long priceCents) {

		String sku = "SQS-" + UUID.randomUUID();
		inventory.stock(sku, "Thing", priceCents, stock);
		return sku;
	}

	private Order order(UUID orderId) {
		return orders.find(orderId).orElseThrow();
	}
}
