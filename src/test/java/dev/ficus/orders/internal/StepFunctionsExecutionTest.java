package dev.ficus.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ficus.inventory.InventoryReleased;
import dev.ficus.inventory.InventoryReserved;
import dev.ficus.inventory.ReservationCommitted;
import dev.ficus.notifications.OrderConfirmationSent;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.shipping.ShipmentCancelled;
import dev.ficus.shipping.ShipmentScheduled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the exported state machine in aws-local-stepfunctions, an ASL interpreter from npm, with each task
 * answered by a simulated participant (src/test/asl/execute.mjs), and checks the commands it sends
 * against the ones the saga's Java builders make from the same order and replies.
 */
class StepFunctionsExecutionTest {

	static final UUID ORDER = UUID.fromString("7c6f0b7e-2f57-4a43-9d6c-1b2a3c4d5e6f");

	static final UUID CUSTOMER = UUID.fromString("1e0d9a8b-7c6d-4e5f-8a9b-0c1d2e3f4a5b");

	static final List<SagaData.Line> LINES = List.of(new SagaData.Line("LAMP-1", 2), new SagaData.Line("BULB-7", 3));

	static final long TOTAL = 2 * 1_999 + 3 * 250;

	static final String CHARGE = "ch_42";

	@TempDir
	Path work;

	final Map<String, List<Object>> answers = new LinkedHashMap<>();

	@Test
	void completesTheOrderWhenEveryParticipantSucceeds() throws IOException {

		answerTheHappyPath();

		JsonNode run = execute(Map.of());

		assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(sentTasks(run)).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment",
				"SendOrderConfirmation", "CommitReservation");
		assertThat(run.get("output").get("inventoryReserved").get("totalCents").asLong()).isEqualTo(TOTAL);
		assertThat(run.get("output").get("paymentCharged").get("chargeId").asString()).isEqualTo(CHARGE);

		assertSentAsTheSagaBuildsThem(run, Map.of(
				"ReserveInventory", step(OrderPlacementSaga.RESERVE_INVENTORY).command().apply(data(null, null)),
				"ChargePayment", step(OrderPlacementSaga.CHARGE_PAYMENT).command().apply(data(TOTAL, null)),
				"ScheduleShipment", step(OrderPlacementSaga.SCHEDULE_SHIPMENT).command().apply(data(TOTAL, CHARGE)),
				"SendOrderConfirmation", step(OrderPlacementSaga.SEND_CONFIRMATION).command().apply(data(TOTAL, CHARGE)),
				"CommitReservation", OrderPlacementSaga.DEFINITION.completion().command().apply(data(TOTAL, CHARGE))));
	}

	@Test
	void refundsThenReleasesWhenShipmentSchedulingFails() throws IOException {

		answerTheHappyPath();
		answers.put("ScheduleShipment", List.of(failure("ShipmentSchedulingFailed", "No van")));

		JsonNode run = execute(Map.of());

		assertThat(run.get("status").asString()).isEqualTo("FAILED");
		assertThat(run.get("error").asString()).isEqualTo("OrderRejected");
		assertThat(run.get("cause").asString()).isEqualTo("schedule-shipment failed: No van");
		assertThat(sentTasks(run)).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment",
				"RefundPayment", "ReleaseInventory");
		assertThat(run.get("states").get(run.get("states").size() - 1).asString()).isEqualTo("Order rejected");

		assertSentAsTheSagaBuildsThem(run, Map.of(
				"RefundPayment", step(OrderPlacementSaga.CHARGE_PAYMENT).compensation().command().apply(data(TOTAL, CHARGE)),
				"ReleaseInventory", step(OrderPlacementSaga.RESERVE_INVENTORY).compensation().command()
						.apply(data(TOTAL, CHARGE))));
	}

	@Test
	void rejectsWithoutUndoingWhenTheReservationIsRefused() throws IOException {

		answerTheHappyPath();
		answers.put("ReserveInventory", List.of(failure("InventoryReservationFailed", "Unknown SKU BULB-7")));

		JsonNode run = execute(Map.of());

		assertThat(run.get("cause").asString()).isEqualTo("reserve-inventory failed: Unknown SKU BULB-7");
		assertThat(sentTasks(run)).containsExactly("ReserveInventory");
	}

	@Test
	void retriesARefusedRefundAndStillReleasesTheStock() throws IOException {

		answerTheHappyPath();
		answers.put("ScheduleShipment", List.of(failure("ShipmentSchedulingFailed", "No van")));
		answers.put("RefundPayment", List.of(failure("RefundFailed", "Provider unavailable"),
				failure("RefundFailed", "Provider unavailable"), new PaymentRefunded(ORDER.toString(), "re_1", TOTAL)));

		JsonNode run = execute(Map.of());

		assertThat(sentTasks(run)).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment",
				"RefundPayment", "RefundPayment", "RefundPayment", "ReleaseInventory");
		assertThat(run.get("lastInput").get("paymentRefunded").get("refundId").asString()).isEqualTo("re_1");
		assertThat(run.get("lastInput").has("refundPaymentFailure")).isFalse();
	}

	@Test
	void recordsARefundThatKeepsFailingAndStillReleasesTheStock() throws IOException {

		answerTheHappyPath();
		answers.put("ScheduleShipment", List.of(failure("ShipmentSchedulingFailed", "No van")));
		answers.put("RefundPayment", List.of(failure("RefundFailed", "Provider unavailable")));

		JsonNode run = execute(Map.of("ficus.orders.saga.max-compensation-attempts", "4"));

		assertThat(sentTasks(run)).containsExactly("ReserveInventory", "ChargePayment", "ScheduleShipment",
				"RefundPayment", "RefundPayment", "RefundPayment", "RefundPayment", "ReleaseInventory");
		assertThat(run.get("cause").asString()).isEqualTo("schedule-shipment failed: No van");
		JsonNode recorded = run.get("lastInput").get("refundPaymentFailure");
		assertThat(recorded.get("Error").asString()).isEqualTo("RefundFailed");
		assertThat(recorded.get("Cause").asString()).isEqualTo("Provider unavailable");
	}

	@Test
	void resendsAChargeWithoutReplyThenRefundsItByOrderAndReleases() throws IOException {

		answerTheHappyPath();
		answers.put("ChargePayment", List.of(Map.of("noAnswer", true)));

		JsonNode run = execute(Map.of("ficus.orders.saga.step-timeout", "1s", "ficus.orders.saga.max-attempts", "2"));

		assertThat(sentTasks(run)).containsExactly("ReserveInventory", "ChargePayment", "ChargePayment",
				"RefundPayment", "ReleaseInventory");
		assertThat(run.get("cause").asString()).isEqualTo("charge-payment failed: No reply after 2 attempts");

		// The charge is in doubt: the refund carries no charge id, as the saga sends it.
		assertSentAsTheSagaBuildsThem(run, Map.of("RefundPayment",
				step(OrderPlacementSaga.CHARGE_PAYMENT).compensation().command().apply(data(TOTAL, null))));
	}

	private void answerTheHappyPath() {

		String order = ORDER.toString();
		answers.put("ReserveInventory", List.of(new InventoryReserved(order, List.of(
				new InventoryReserved.ReservedLine("LAMP-1", 2, 1_999), new InventoryReserved.ReservedLine("BULB-7", 3, 250)),
				TOTAL)));
		answers.put("ChargePayment", List.of(new PaymentCharged(order, CHARGE, TOTAL)));
		answers.put("ScheduleShipment", List.of(new ShipmentScheduled(order, "sh_7")));
		answers.put("SendOrderConfirmation", List.of(new OrderConfirmationSent(order, "n_9")));
		answers.put("CommitReservation", List.of(new ReservationCommitted(order)));
		answers.put("CancelShipment", List.of(new ShipmentCancelled(order)));
		answers.put("RefundPayment", List.of(new PaymentRefunded(order, "re_1", TOTAL)));
		answers.put("ReleaseInventory", List.of(new InventoryReleased(order)));
	}

	/** What a participant sends with SendTaskFailure: its failure reply's type and reason. */
	private static Map<String, String> failure(String replyType, String reason) {
		return Map.of("error", replyType, "cause", reason);
	}

	private JsonNode execute(Map<String, String> settings) throws IOException {

		ObjectNode machine = StepFunctionsExportTest.export(StepFunctionsExportTest.properties(settings));
		Path definition = work.resolve("order-placement.asl.json");
		Files.writeString(definition, StepFunctionsExportTest.JSON.writeValueAsString(machine));

		ObjectNode scenario = StepFunctionsExportTest.JSON.createObjectNode();
		scenario.set("input", StepFunctionsExportTest.JSON.readTree("""
				{"orderId": "%s", "customerId": "%s",
				 "lines": [{"sku": "LAMP-1", "quantity": 2}, {"sku": "BULB-7", "quantity": 3}]}"""
				.formatted(ORDER, CUSTOMER)));
		scenario.set("answers", StepFunctionsExportTest.JSON.valueToTree(wrap(answers)));
		Path scenarioFile = work.resolve("scenario.json");
		Files.writeString(scenarioFile, StepFunctionsExportTest.JSON.writeValueAsString(scenario));

		return StepFunctionsTools.execute(definition, scenarioFile);
	}

	/** Replies become {"output": reply}; failures and silences are given as the script reads them. */
	private static Map<String, List<Object>> wrap(Map<String, List<Object>> answers) {

		Map<String, List<Object>> wrapped = new LinkedHashMap<>();
		answers.forEach((task, list) -> wrapped.put(task, list.stream()
				.map(answer -> answer instanceof Map<?, ?> ? answer : Map.of("output", answer))
				.toList()));
		return wrapped;
	}

	private static List<String> sentTasks(JsonNode run) {

		List<String> tasks = new ArrayList<>();
		run.get("sends").forEach(send -> tasks.add(send.get("state").asString()));
		return tasks;
	}

	/** Every send of these tasks carried this command as its body, in the order's FIFO group. */
	private static void assertSentAsTheSagaBuildsThem(JsonNode run, Map<String, Object> commands) {

		for (var expected : commands.entrySet()) {
			// Compared as the JSON text on the wire reads: both sides parsed from text.
			JsonNode command = StepFunctionsExportTest.JSON.readTree(
					StepFunctionsExportTest.JSON.writeValueAsString(expected.getValue()));
			List<JsonNode> sends = new ArrayList<>();
			run.get("sends").forEach(send -> {
				if (send.get("state").asString().equals(expected.getKey())) {
					sends.add(send.get("parameters"));
				}
			});
			assertThat(sends).as(expected.getKey() + " sent").isNotEmpty();

			for (JsonNode parameters : sends) {
				assertThat(parameters.get("MessageBody")).as(expected.getKey())
						.isEqualTo(command);
				assertThat(parameters.get("MessageGroupId").asString()).isEqualTo(ORDER.toString());
				JsonNode attributes = parameters.get("MessageAttributes");
				assertThat(attributes.get("type").get("StringValue").asString())
						.isEqualTo(expected.getValue().getClass().getSimpleName());
				assertThat(attributes.get("aggregate-id").get("StringValue").asString()).isEqualTo(ORDER.toString());
				assertThat(attributes.get("task-token").get("StringValue").asString()).isEqualTo("local-task-token");
				assertThat(UUID.fromString(attributes.get("message-id").get("StringValue").asString())).isNotNull();
			}
		}
	}

	private static SagaDefinition.Step step(String name) {
		return OrderPlacementSaga.DEFINITION.step(name);
	}

	private static SagaData data(@Nullable Long totalCents, @Nullable String chargeId) {
		return new SagaData(ORDER, CUSTOMER, LINES, totalCents, chargeId);
	}
}
