package dev.ficus.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.ficus.customers.Customers;
import dev.ficus.inventory.Inventory;
import dev.ficus.inventory.InventoryReserved;
import dev.ficus.inventory.Item;
import dev.ficus.inventory.ReserveInventory;
import dev.ficus.messaging.IncomingMessage;
import dev.ficus.orders.Order.CompensationStatus;
import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.Order.Step;
import dev.ficus.orders.Order.StepStatus;
import dev.ficus.orders.Orders.OrderLine;
import dev.ficus.orders.internal.OrderReplies;
import dev.ficus.orders.internal.SagaCoordinator;
import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.RefundPayment;
import dev.ficus.shipping.ScheduleShipment;
import dev.ficus.shipping.ShipmentSchedulingFailed;
import dev.ficus.support.InProcessDelivery;
import dev.ficus.support.RecordingOutbox;
import dev.ficus.support.SagaTest;
import dev.ficus.support.ScriptedPayments;

@SagaTest
class OrderPlacementSagaTest {

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	Orders orders;

	@Autowired
	Customers customers;

	@Autowired
	Inventory inventory;

	@Autowired
	SagaCoordinator coordinator;

	@Autowired
	OrderReplies replies;

	@Autowired
	RecordingOutbox outbox;

	@Autowired
	InProcessDelivery delivery;

	@Autowired
	ScriptedPayments payments;

	@Autowired
	MockMvc http;

	@AfterEach
	void answerCommandsByTheirParticipantsAgain() {
		delivery.reset();
	}

	@Test
	void completesOrderWhenEveryStepSucceeds() {

		String sku = stockedItem(10, 250);
		UUID orderId = place(customer(), sku, 3);

		delivery.deliverAll();

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(order.totalCents()).isEqualTo(750);
		assertThat(order.lines()).containsExactly(new Order.Line(sku, 3, 250L));
		assertThat(order.saga().state()).isEqualTo(SagaState.COMPLETED);
		assertThat(order.saga().steps()).extracting(Step::name)
				.containsExactly("reserve-inventory", "charge-payment", "schedule-shipment", "send-confirmation");
		assertThat(order.saga().steps()).allSatisfy(step -> {
			assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
			assertThat(step.attempts()).isEqualTo(1);
			assertThat(step.compensation()).isNull();
		});
		assertThat(outbox.sentAbout(orderId.toString(), ChargePayment.class))
				.containsExactly(new ChargePayment(orderId.toString(), order.customerId().toString(), 750));
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 250, 7, 0, 3));
	}

	@Test
	void rejectsOrderForUnknownSkuWithoutCompensating() {

		UUID orderId = place(customer(), "NO-SUCH-SKU-" + UUID.randomUUID(), 1);

		delivery.deliverAll();

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.rejectionReason()).startsWith("reserve-inventory failed: Unknown SKU");
		assertThat(order.saga().state()).isEqualTo(SagaState.COMPENSATED);
		assertThat(statuses(order)).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SKIPPED,
				StepStatus.SKIPPED);
		assertThat(order.saga().steps()).allSatisfy(step -> assertThat(step.compensation()).isNull());
		assertThat(outbox.sentAbout(orderId.toString(), ChargePayment.class)).isEmpty();
	}

	@Test
	void rejectsOrderWhenStockRunsOutAndLeavesTheStockAlone() {

		String sku = stockedItem(2, 100);
		UUID orderId = place(customer(), sku, 3);

		delivery.deliverAll();

		assertThat(order(orderId).status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order(orderId).rejectionReason()).contains("Out of stock");
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 2, 0, 0));
	}

	@Test
	void releasesStockWhenPaymentIsDeclined() {

		String sku = stockedItem(5, 100);
		UUID customer = customer();
		payments.decline(customer.toString());
		UUID orderId = place(customer, sku, 2);

		delivery.deliverAll();

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.rejectionReason()).isEqualTo("charge-payment failed: Card declined");
		assertThat(order.saga().state()).isEqualTo(SagaState.COMPENSATED);
		assertThat(statuses(order)).containsExactly(StepStatus.COMPENSATED, StepStatus.FAILED, StepStatus.SKIPPED,
				StepStatus.SKIPPED);
		assertThat(step(order, "reserve-inventory").compensation())
				.isEqualTo(new Order.Compensation(CompensationStatus.SUCCEEDED, 1, null));
		assertThat(outbox.sentAbout(orderId.toString(), RefundPayment.class)).isEmpty();
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 5, 0, 0));
	}

	@Test
	void refundsAndReleasesInReverseOrderWhenShipmentSchedulingFails() {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 2);
		delivery.answer(ScheduleShipment.class, command -> new ShipmentSchedulingFailed(command.orderId(), "No van"));

		delivery.deliverAll();

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.rejectionReason()).isEqualTo("schedule-shipment failed: No van");
		assertThat(statuses(order)).containsExactly(StepStatus.COMPENSATED, StepStatus.COMPENSATED,
				StepStatus.FAILED, StepStatus.SKIPPED);
		assertThat(outbox.sentAbout(orderId.toString()))
				.extracting(RecordingOutbox.Sent::type)
				.containsSubsequence("ScheduleShipment", "RefundPayment", "ReleaseInventory");
		assertThat(payments.refundsOf(orderId.toString())).isEqualTo(1);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 5, 0, 0));
	}

	@Test
	void retriesAFailedRefundAndStillReleasesTheStock() throws Exception {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 2);
		delivery.answer(ScheduleShipment.class, command -> new ShipmentSchedulingFailed(command.orderId(), "No van"));
		payments.failRefunds(orderId.toString(), 1);

		delivery.deliverAll();

		Order waiting = order(orderId);
		assertThat(waiting.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(waiting.saga().state()).isEqualTo(SagaState.COMPENSATING);
		assertThat(step(waiting, "charge-payment").status()).isEqualTo(StepStatus.COMPENSATING);
		assertThat(step(waiting, "charge-payment").compensation())
				.isEqualTo(new Order.Compensation(CompensationStatus.RUNNING, 1, "Provider unavailable"));

		sweepAllDueBy(Instant.now().plus(Duration.ofMinutes(10)));
		delivery.deliverAll();

		Order rejected = order(orderId);
		assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(rejected.saga().state()).isEqualTo(SagaState.COMPENSATED);
		assertThat(step(rejected, "charge-payment").status()).isEqualTo(StepStatus.COMPENSATED);
		assertThat(step(rejected, "charge-payment").compensation())
				.isEqualTo(new Order.Compensation(CompensationStatus.SUCCEEDED, 2, "Provider unavailable"));
		assertThat(step(rejected, "reserve-inventory").status()).isEqualTo(StepStatus.COMPENSATED);
		assertThat(payments.refundsOf(orderId.toString())).isEqualTo(1);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 5, 0, 0));
		http.perform(get("/orders/{id}", orderId))
				.andExpect(jsonPath("$.status").value("REJECTED"))
				.andExpect(jsonPath("$.saga.steps[1].compensation.status").value("SUCCEEDED"))
				.andExpect(jsonPath("$.saga.steps[1].compensation.attempts").value(2))
				.andExpect(jsonPath("$.saga.steps[1].compensation.lastError").value("Provider unavailable"));
	}

	@Test
	void recordsACompensationThatKeepsFailingAndStillUndoesTheEarlierSteps() {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 2);
		delivery.answer(ScheduleShipment.class, command -> new ShipmentSchedulingFailed(command.orderId(), "No van"));
		payments.failRefunds(orderId.toString(), 1_000);

		delivery.deliverAll();
		for (int retry = 1; retry <= 2; retry++) {
			sweepAllDueBy(Instant.now().plus(Duration.ofHours(retry)));
			delivery.deliverAll();
		}

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.saga().state()).isEqualTo(SagaState.COMPENSATED);
		assertThat(step(order, "charge-payment").status()).isEqualTo(StepStatus.COMPENSATION_FAILED);
		assertThat(step(order, "charge-payment").compensation())
				.isEqualTo(new Order.Compensation(CompensationStatus.FAILED, 3, "Provider unavailable"));
		assertThat(step(order, "reserve-inventory").status()).isEqualTo(StepStatus.COMPENSATED);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 5, 0, 0));
	}

	@Test
	void resendsACommandWhoseReplyIsLate() {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 1);
		assertThat(outbox.drop(sent -> sent.aggregateId().equals(orderId.toString()))).isEqualTo(1);

		sweepAllDueBy(Instant.now().plus(STEP_TIMEOUT).plusSeconds(1));
		delivery.deliverAll();

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(step(order, "reserve-inventory").attempts()).isEqualTo(2);
		assertThat(step(order, "reserve-inventory").lastError()).startsWith("No reply within");
		assertThat(outbox.sentAbout(orderId.toString(), ReserveInventory.class)).hasSize(2);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 4, 0, 1));
	}

	@Test
	void failsAStepWithoutReplyAfterItsLastAttemptAndUndoesItJustInCase() {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 1);
		delivery.deliver(sent -> sent.type().equals("ReserveInventory") || sent.type().equals("InventoryReserved"));

		Instant now = Instant.now();
		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(outbox.drop(sent -> sent.payload() instanceof ChargePayment charge
					&& charge.orderId().equals(orderId.toString()))).isEqualTo(1);
			now = now.plus(STEP_TIMEOUT).plusSeconds(1);
			sweepAllDueBy(now);
		}
		delivery.deliverAll();

		Order order = order(orderId);
		assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
		assertThat(order.rejectionReason()).isEqualTo("charge-payment failed: No reply after 3 attempts");
		assertThat(step(order, "charge-payment").status()).isEqualTo(StepStatus.COMPENSATED);
		assertThat(step(order, "charge-payment").attempts()).isEqualTo(3);
		assertThat(outbox.sentAbout(orderId.toString(), RefundPayment.class))
				.containsExactly(new RefundPayment(orderId.toString(), "", 100));
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 5, 0, 0));
	}

	@Test
	void ignoresTheLateReplyToACommandThatWasSentAgain() {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 1);
		sweepAllDueBy(Instant.now().plus(STEP_TIMEOUT).plusSeconds(1));

		assertThat(delivery.deliver(sent -> sent.type().equals("ReserveInventory"))).isEqualTo(2);
		assertThat(delivery.deliver(sent -> sent.type().equals("InventoryReserved"))).isEqualTo(2);
		delivery.deliverAll();

		assertThat(order(orderId).status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(outbox.sentAbout(orderId.toString(), ChargePayment.class)).hasSize(1);
		assertThat(item(sku)).isEqualTo(new Item(sku, "Thing", 100, 4, 0, 1));
	}

	@Test
	void ignoresADuplicateReplyAfterTheSagaEnded() {

		String sku = stockedItem(5, 100);
		UUID orderId = place(customer(), sku, 1);
		delivery.deliverAll();
		var reserved = outbox.sentAbout(orderId.toString(), InventoryReserved.class).getFirst();
		int sentBefore = outbox.sentAbout(orderId.toString()).size();

		replies.on(reserved, new IncomingMessage(UUID.randomUUID(), "InventoryReserved", "orders-replies",
				orderId.toString(), null, Instant.now()));

		assertThat(order(orderId).status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(order(orderId).saga().state()).isEqualTo(SagaState.COMPLETED);
		assertThat(outbox.sentAbout(orderId.toString())).hasSize(sentBefore);
	}

	@Test
	void ignoresAReplyAboutAnOrderItDoesNotKnow() {

		String unknown = UUID.randomUUID().toString();

		replies.on(new InventoryReserved(unknown, List.of(), 0), new IncomingMessage(UUID.randomUUID(),
				"InventoryReserved", "orders-replies", unknown, null, Instant.now()));

		assertThat(outbox.sentAbout(unknown)).isEmpty();
	}

	private void sweepAllDueBy(Instant now) {

		int swept = 0;
		while (coordinator.sweepOne(now)) {
			assertThat(++swept).as("sagas swept in one go").isLessThan(10_000);
		}
	}

	private UUID customer() {
		return customers.register("Ada Lovelace", "ada@example.com").id();
	}

	private String stockedItem(int stock, long priceCents) {

		String sku = "SKU-" + UUID.randomUUID();
		inventory.stock(sku, "Thing", priceCents, stock);
		return sku;
	}

	private UUID place(UUID customer, String sku, int quantity) {
		return orders.place(customer, List.of(new OrderLine(sku, quantity))).orderId();
	}

	private Order order(UUID orderId) {
		return orders.find(orderId).orElseThrow();
	}

	private Item item(String sku) {
		return inventory.find(sku).orElseThrow();
	}

	private static Step step(Order order, String name) {
		return order.saga().steps().stream().filter(step -> step.name().equals(name)).findFirst().orElseThrow();
	}

	private static List<StepStatus> statuses(Order order) {
		return order.saga().steps().stream().map(Step::status).toList();
	}
}
