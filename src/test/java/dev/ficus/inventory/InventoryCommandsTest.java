package dev.ficus.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ficus.inventory.InventoryReserved.ReservedLine;
import dev.ficus.inventory.internal.InventoryCommands;
import dev.ficus.messaging.IncomingMessage;
import dev.ficus.support.RecordingOutbox;
import dev.ficus.support.SagaTest;

@SagaTest
class InventoryCommandsTest {

	@Autowired
	InventoryCommands commands;

	@Autowired
	Inventory inventory;

	@Autowired
	RecordingOutbox outbox;

	@Test
	void reservesEveryLineOrNone() {

		String plenty = stocked(10, 100);
		String scarce = stocked(1, 200);
		String orderId = UUID.randomUUID().toString();

		commands.on(new ReserveInventory(orderId, List.of(new ReserveInventory.Line(plenty, 3),
				new ReserveInventory.Line(scarce, 2))), message(orderId));

		assertThat(outbox.sentAbout(orderId, InventoryReservationFailed.class)).singleElement()
				.satisfies(failure -> assertThat(failure.reason()).startsWith("Out of stock: " + scarce));
		assertThat(item(plenty)).isEqualTo(new Item(plenty, "Thing", 100, 10, 0, 0));
		assertThat(item(scarce)).isEqualTo(new Item(scarce, "Thing", 200, 1, 0, 0));
	}

	@Test
	void reservesOnceHoweverOftenAsked() {

		String sku = stocked(10, 100);
		String orderId = UUID.randomUUID().toString();
		var command = new ReserveInventory(orderId, List.of(new ReserveInventory.Line(sku, 4)));

		commands.on(command, message(orderId));
		commands.on(command, message(orderId));

		var expected = new InventoryReserved(orderId, List.of(new ReservedLine(sku, 4, 100)), 400);
		assertThat(outbox.sentAbout(orderId, InventoryReserved.class)).containsExactly(expected, expected);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 6, 4, 0));
	}

	@Test
	void releasesAndCommitsOnlyOnce() {

		String released = stocked(10, 100);
		String shipped = stocked(10, 100);
		String releasedOrder = UUID.randomUUID().toString();
		String shippedOrder = UUID.randomUUID().toString();
		commands.on(new ReserveInventory(releasedOrder, List.of(new ReserveInventory.Line(released, 4))),
				message(releasedOrder));
		commands.on(new ReserveInventory(shippedOrder, List.of(new ReserveInventory.Line(shipped, 4))),
				message(shippedOrder));

		for (int time = 0; time < 2; time++) {
			commands.on(new ReleaseInventory(releasedOrder), message(releasedOrder));
			commands.on(new CommitReservation(shippedOrder), message(shippedOrder));
		}

		assertThat(item(released)).isEqualTo(new Item(released, "Thing", 100, 10, 0, 0));
		assertThat(item(shipped)).isEqualTo(new Item(shipped, "Thing", 100, 6, 0, 4));
		assertThat(outbox.sentAbout(releasedOrder, InventoryReleased.class)).hasSize(2);
		assertThat(outbox.sentAbout(shippedOrder, ReservationCommitted.class)).hasSize(2);
	}

	@Test
	void refusesAReservationThatArrivesAfterItsRelease() {

		String sku = stocked(10, 100);
		String orderId = UUID.randomUUID().toString();

		commands.on(new ReleaseInventory(orderId), message(orderId));
		commands.on(new ReserveInventory(orderId, List.of(new ReserveInventory.Line(sku, 4))), message(orderId));

		assertThat(outbox.sentAbout(orderId, InventoryReservationFailed.class)).hasSize(1);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 10, 0, 0));
	}

	@Test
	void neverSellsMoreThanIsOnHandUnderConcurrentOrders() throws Exception {

		String sku = stocked(5, 100);
		List<Callable<Void>> orders = new ArrayList<>();
		for (int order = 0; order < 12; order++) {
			String orderId = UUID.randomUUID().toString();
			orders.add(() -> {
				commands.on(new ReserveInventory(orderId, List.of(new ReserveInventory.Line(sku, 1))),
						message(orderId));
				return null;
			});
		}

		try (var threads = Executors.newFixedThreadPool(6)) {
			for (var result : threads.invokeAll(orders)) {
				result.get();
			}
		}

		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 0, 5, 0));
		assertThat(inventory.stockCounts()).allMatch(StockCount::conserved);
	}

	private String stocked(int stock, long priceCents) {

		String sku = "INV-" + UUID.randomUUID();
		inventory.stock(sku, "Thing", priceCents, stock);
		return sku;
	}

	private Item item(String sku) {
		return inventory.find(sku).orElseThrow();
	}

	private static IncomingMessage message(String orderId) {
		return new IncomingMessage(UUID.randomUUID(), "command", "inventory-commands", orderId, "orders-replies",
				Instant.now());
	}
}
