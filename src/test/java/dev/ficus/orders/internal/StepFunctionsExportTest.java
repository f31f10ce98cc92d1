package dev.ficus.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.ficus.orders.internal.SagaDefinition.Completion;
import dev.ficus.orders.internal.SagaDefinition.Step;
import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundPayment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The shape of the exported state machine, read from the ASL JSON itself. */
class StepFunctionsExportTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final List<String> STEP_TASKS = List.of("ReserveInventory", "ChargePayment", "ScheduleShipment",
			"SendOrderConfirmation");

	/** Saga settings bound as the application binds them: defaults, then the given settings. */
	static SagaProperties properties(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("ficus.orders.saga",
				SagaProperties.class);
	}

	static ObjectNode export(SagaProperties properties) {
		return new StepFunctionsExport(properties, OrderPlacementStateMachine::queueUrlPlaceholder, JSON)
				.export(OrderPlacementSaga.DEFINITION);
	}

	final JsonNode machine = export(properties(Map.of()));

	final JsonNode states = machine.get("States");

	@Test
	void runsTheStepsInTheirOrderThenTheCompletion() {

		assertThat(followNext(machine.get("StartAt").asString())).containsExactly("Begin", "ReserveInventory",
				"ChargePayment", "ScheduleShipment", "SendOrderConfirmation", "CommitReservation", "Order completed");
		assertThat(states.get("Order completed").get("Type").asString()).isEqualTo("Succeed");
	}

	@Test
	void sendsEachCommandToItsChannelsQueueAndWaitsForTheTaskToken() {

		var channels = new ArrayList<String>();
		OrderPlacementSaga.DEFINITION.steps().forEach(step -> channels.add(step.channel()));
		channels.add(OrderPlacementSaga.DEFINITION.completion().channel());
		var tasks = new ArrayList<>(STEP_TASKS);
		tasks.add("CommitReservation");

		for (int i = 0; i < tasks.size(); i++) {
			JsonNode task = states.get(tasks.get(i));
			JsonNode parameters = task.get("Parameters");
			assertThat(task.get("Type").asString()).isEqualTo("Task");
			assertThat(task.get("Resource").asString()).isEqualTo("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
			assertThat(parameters.get("QueueUrl").asString())
					.isEqualTo("${" + channels.get(i).replace('-', '_') + "_queue_url}");
			assertThat(parameters.get("MessageGroupId.$").asString()).isEqualTo("$.orderId");
			assertThat(parameters.get("MessageAttributes").get("task-token").get("StringValue.$").asString())
					.isEqualTo("$$.Task.Token");
			assertThat(parameters.get("MessageAttributes").get("type").get("StringValue").asString())
					.isEqualTo(tasks.get(i));
		}
	}

	@Test
	void buildsTheCommandsFromTheOrderAndTheRepliesKeptSoFar() {

		assertThat(body("ReserveInventory")).isEqualTo(JSON.readTree("""
				{"orderId.$": "$.orderId", "lines.$": "$.lines"}"""));
		assertThat(body("ChargePayment")).isEqualTo(JSON.readTree("""
				{"orderId.$": "$.orderId", "customerId.$": "$.customerId",
				 "amountCents.$": "$.inventoryReserved.totalCents"}"""));
		assertThat(body("RefundPayment")).isEqualTo(JSON.readTree("""
				{"orderId.$": "$.orderId", "chargeId.$": "$.paymentCharged.chargeId",
				 "amountCents.$": "$.inventoryReserved.totalCents"}"""));
		assertThat(states.get("ReserveInventory").get("ResultPath").asString()).isEqualTo("$.inventoryReserved");
		assertThat(states.get("ChargePayment").get("ResultPath").asString()).isEqualTo("$.paymentCharged");

		// A charge in doubt is refunded by order: the charge id starts empty and only its reply sets it.
		assertThat(states.get("Begin").get("ResultPath").asString()).isEqualTo("$.paymentCharged");
		assertThat(states.get("Begin").get("Result").get("chargeId").asString()).isEmpty();
	}

	@Test
	void undoesTheCompletedStepsInReverseWhenAStepIsRefused() {

		assertThat(catchTarget("ReserveInventory", "States.ALL")).isEqualTo("ReserveInventory failed");
		assertThat(followNext("ReserveInventory failed")).containsExactly("ReserveInventory failed", "Order rejected");
		assertThat(followNext(catchTarget("ChargePayment", "States.ALL"))).containsExactly("ChargePayment failed",
				"ReleaseInventory", "Order rejected");
		assertThat(followNext(catchTarget("ScheduleShipment", "States.ALL"))).containsExactly("ScheduleShipment failed",
				"RefundPayment", "ReleaseInventory", "Order rejected");
		assertThat(followNext(catchTarget("SendOrderConfirmation", "States.ALL"))).containsExactly(
				"SendOrderConfirmation failed", "CancelShipment", "RefundPayment", "ReleaseInventory", "Order rejected");
		assertThat(states.get("Order rejected").get("Type").asString()).isEqualTo("Fail");
		assertThat(states.get("Order rejected").get("CausePath").asString()).isEqualTo("$.rejection.reason");
	}

	@Test
	void undoesAStepWithoutReplyTooBecauseItMayHaveActed() {

		assertThat(followNext(catchTarget("ChargePayment", "States.Timeout"))).containsExactly("ChargePayment timed out",
				"RefundPayment", "ReleaseInventory", "Order rejected");
		assertThat(states.get("ChargePayment timed out").get("Result").get("reason").asString())
				.isEqualTo("charge-payment failed: No reply after 3 attempts");
		// The confirmation cannot be undone: without a reply, the steps before it are.
		assertThat(followNext(catchTarget("SendOrderConfirmation", "States.Timeout"))).containsExactly(
				"SendOrderConfirmation timed out", "CancelShipment", "RefundPayment", "ReleaseInventory", "Order rejected");
	}

	@Test
	void goesOnUndoingTheEarlierStepsWhenACompensationKeepsFailing() {

		for (String compensation : List.of("CancelShipment", "RefundPayment", "ReleaseInventory")) {
			JsonNode state = states.get(compensation);
			JsonNode catcher = state.get("Catch").get(0);
			assertThat(catcher.get("ErrorEquals").get(0).asString()).isEqualTo("States.ALL");
			assertThat(catcher.get("Next").asString()).as(compensation).isEqualTo(state.get("Next").asString());
			assertThat(catcher.get("ResultPath").asString()).startsWith("$.").endsWith("Failure");
		}
	}

	@Test
	void retriesAsTheSagaSettingsSay() {

		JsonNode machine = export(properties(Map.of("ficus.orders.saga.step-timeout", "45s",
				"ficus.orders.saga.max-attempts", "5", "ficus.orders.saga.compensation-backoff", "2s",
				"ficus.orders.saga.max-compensation-backoff", "90s", "ficus.orders.saga.max-compensation-attempts", "7")));
		JsonNode states = machine.get("States");

		for (String step : STEP_TASKS) {
			JsonNode task = states.get(step);
			assertThat(task.get("TimeoutSeconds").asInt()).isEqualTo(45);
			assertThat(task.get("Retry")).hasSize(1);
			JsonNode retrier = task.get("Retry").get(0);
			assertThat(retrier.get("ErrorEquals").get(0).asString()).isEqualTo("States.Timeout");
			assertThat(retrier.get("MaxAttempts").asInt()).as("resends after the first send").isEqualTo(4);
			assertThat(retrier.get("JitterStrategy").asString()).isEqualTo("FULL");
		}
		assertThat(states.get("ChargePayment timed out").get("Result").get("reason").asString())
				.isEqualTo("charge-payment failed: No reply after 5 attempts");

		for (String compensation : List.of("CancelShipment", "RefundPayment", "ReleaseInventory")) {
			JsonNode retrier = states.get(compensation).get("Retry").get(0);
			assertThat(states.get(compensation).get("TimeoutSeconds").asInt()).isEqualTo(45);
			assertThat(retrier.get("ErrorEquals").get(0).asString()).isEqualTo("States.ALL");
			assertThat(retrier.get("IntervalSeconds").asInt()).isEqualTo(2);
			assertThat(retrier.get("BackoffRate").asDouble()).isEqualTo(2.0);
			assertThat(retrier.get("MaxDelaySeconds").asInt()).isEqualTo(90);
			assertThat(retrier.get("MaxAttempts").asInt()).as("tries after the first").isEqualTo(6);
			assertThat(retrier.get("JitterStrategy").asString()).isEqualTo("FULL");
		}

		JsonNode completionRetrier = states.get("CommitReservation").get("Retry").get(0);
		assertThat(completionRetrier.get("ErrorEquals").get(0).asString()).isEqualTo("States.ALL");
		assertThat(completionRetrier.get("MaxAttempts").asInt()).isEqualTo(99_999_999);
		assertThat(states.get("CommitReservation").has("Catch")).isFalse();
	}

	@Test
	void roundsDurationsUpToTheWholeSecondsStepFunctionsCountsIn() {

		JsonNode states = export(properties(Map.of("ficus.orders.saga.step-timeout", "1500ms",
				"ficus.orders.saga.compensation-backoff", "200ms"))).get("States");

		assertThat(states.get("ReserveInventory").get("TimeoutSeconds").asInt()).isEqualTo(2);
		assertThat(states.get("ReleaseInventory").get("Retry").get(0).get("IntervalSeconds").asInt()).isEqualTo(1);
	}

	@Test
	void keepsEveryRetrierWithinWhatStepFunctionsAccepts() {

		for (var state : states.properties()) {
			for (JsonNode retrier : state.getValue().path("Retry")) {
				assertThat(retrier.get("IntervalSeconds").asInt()).as(state.getKey()).isBetween(1, 99_999_999);
				assertThat(retrier.get("MaxAttempts").asInt()).as(state.getKey()).isBetween(0, 99_999_999);
				assertThat(retrier.get("BackoffRate").asDouble()).as(state.getKey()).isGreaterThanOrEqualTo(1.0);
				if (retrier.has("MaxDelaySeconds")) {
					assertThat(retrier.get("MaxDelaySeconds").asInt()).as(state.getKey()).isBetween(1, 31_622_400);
				}
			}
		}
	}

	@Test
	void pointsOnlyAtStatesThatExistAndReachesEveryStateAndAnEndFromEach() {

		Set<String> reached = new HashSet<>();
		var toVisit = new ArrayDeque<String>(List.of(machine.get("StartAt").asString()));
		while (!toVisit.isEmpty()) {
			String name = toVisit.pop();
			if (!reached.add(name)) {
				continue;
			}
			JsonNode state = states.get(name);
			assertThat(state).as("state " + name).isNotNull();

			String type = state.get("Type").asString();
			List<String> targets = targets(state);
			if (type.equals("Succeed") || type.equals("Fail")) {
				assertThat(targets).as(name).isEmpty();
			}
			else {
				assertThat(state.has("Next")).as(name + " goes on").isTrue();
			}
			toVisit.addAll(targets);
		}

		assertThat(reached).containsExactlyInAnyOrderElementsOf(states.propertyNames());
		for (String name : states.propertyNames()) {
			assertThat(endsFrom(name, new HashSet<>())).as("an end is reached from " + name).isTrue();
		}
	}

	@Test
	void refusesABuilderThatComputesAValueAStateMachineCannot() {

		var doubledCharge = new SagaDefinition("doubled", List.of(new Step("charge", "payments-commands",
				order -> new ChargePayment(order.orderId().toString(), order.customerId().toString(), order.total() * 2),
				PaymentCharged.class, PaymentFailed.class, null)), new Completion("payments-commands",
				order -> new RefundPayment(order.orderId().toString(), "", 0), PaymentRefunded.class));

		assertThatThrownBy(() -> new StepFunctionsExport(properties(Map.of()), channel -> channel, JSON)
				.export(doubledCharge))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("amountCents of ChargePayment");
	}

	private JsonNode body(String task) {
		return states.get(task).get("Parameters").get("MessageBody");
	}

	private String catchTarget(String task, String error) {

		for (JsonNode catcher : states.get(task).get("Catch")) {
			if (catcher.get("ErrorEquals").get(0).asString().equals(error)) {
				return catcher.get("Next").asString();
			}
		}
		throw new AssertionError(task + " catches no " + error);
	}

	/** The states an execution passes when every task succeeds, from {@code start} to the end. */
	private List<String> followNext(String start) {

		var path = new ArrayList<String>();
		String name = start;
		while (name != null && !path.contains(name)) {
			path.add(name);
			JsonNode next = states.get(name).get("Next");
			name = next == null ? null : next.asString();
		}
		return path;
	}

	private static List<String> targets(JsonNode state) {

		var targets = new ArrayList<String>();
		if (state.has("Next")) {
			targets.add(state.get("Next").asString());
		}
		state.path("Catch").forEach(catcher -> targets.add(catcher.get("Next").asString()));
		return targets;
	}

	private boolean endsFrom(String name, Set<String> seen) {

		JsonNode state = states.get(name);
		String type = state.get("Type").asString();
		if (type.equals("Succeed") || type.equals("Fail")) {
			return true;
		}
		if (!seen.add(name)) {
			return false;
		}
		return targets(state).stream().anyMatch(target -> endsFrom(target, seen));
	}
}
