package dev.ficus.orders.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.ficus.inventory.InventoryReserved;
import dev.ficus.orders.internal.SagaDefinition.Compensation;
import dev.ficus.orders.internal.SagaDefinition.Step;
import dev.ficus.payments.PaymentCharged;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a saga definition as an AWS Step Functions Standard state machine (Amazon States Language),
 * with the timing of {@link SagaProperties}: the saga the coordinator runs in the monolith, from the
 * same definition. docs/saga.md ("Step Functions export") explains the mapping and what differs from
 * the coordinator.
 *
 * <p>Each step, compensation and the completion is a task that sends its command to its channel's SQS
 * FIFO queue and waits for the participant to answer the task token ({@code SendTaskSuccess} with the
 * reply, {@code SendTaskFailure} with the failure reply's type as error and its reason as cause). The
 * state machine's data is the order (the execution input: {@code orderId}, {@code customerId},
 * {@code lines}) plus each reply, kept under its type's name ({@code $.inventoryReserved}); the commands'
 * payloads are derived from the saga's own command builders ({@link CommandTemplates}).
 */
final class StepFunctionsExport {

	static final String SEND_AND_WAIT = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

	static final String BEGIN = "Begin";

	static final String COMPLETED = "Order completed";

	static final String REJECTED = "Order rejected";

	/** The error of a rejected execution; its cause is the rejection reason, as the order records it. */
	static final String REJECTION_ERROR = "OrderRejected";

	/** Step Functions' largest retry count: the completion is retried until acknowledged. */
	static final int UNLIMITED_ATTEMPTS = 99_999_999;

	private final SagaProperties properties;

	private final Function<String, String> queueUrlOfChannel;

	private final JsonMapper json;

	private final CommandTemplates templates;

	/**
	 * @param queueUrlOfChannel the SQS queue URL of a command channel, or a placeholder for one
	 */
	StepFunctionsExport(SagaProperties properties, Function<String, String> queueUrlOfChannel, JsonMapper json) {
		this.properties = properties;
		this.queueUrlOfChannel = queueUrlOfChannel;
		this.json = json;
		this.templates = new CommandTemplates(json, dataPaths());
	}

	/**
	 * Where the state machine keeps what {@link SagaData} carries: the order comes as the execution input,
	 * and what the coordinator remembers from replies (SagaCoordinator#remember) is in the reply itself.
	 */
	private static Map<String, String> dataPaths() {
		return Map.of("orderId", "$.orderId", "customerId", "$.customerId", "lines", "$.lines", "totalCents",
				replyPath(InventoryReserved.class) + ".totalCents", "chargeId",
				replyPath(PaymentCharged.class) + ".chargeId");
	}

	/** The state machine definition (ASL) of {@code saga}. */
	ObjectNode export(SagaDefinition saga) {

		ObjectNode machine = json.createObjectNode();
		machine.put("Comment", "The " + saga.name() + " saga, exported from its SagaDefinition: each step "
				+ "sends its command to its channel's queue and waits for the participant to answer the task "
				+ "token; a failed step undoes the completed steps in reverse order.");
		machine.put("StartAt", BEGIN);
		ObjectNode states = machine.putObject("States");

		List<Step> steps = saga.steps();
		String completion = templates.typeOf(saga.completion().command());

		// A charge whose reply never came is refunded without a charge id (payments then refunds whatever
		// it charged for the order), as the refund's builder does for a saga that has no charge id. The
		// charge's reply replaces this default.
		states.set(BEGIN, json.createObjectNode()
				.put("Type", "Pass")
				.put("Comment", "Defaults for what the replies will bring")
				.set("Result", json.createObjectNode().put("chargeId", ""))
				.put("ResultPath", replyPath(PaymentCharged.class))
				.put("Next", taskName(steps.getFirst())));

		for (int position = 0; position < steps.size(); position++) {
			Step step = steps.get(position);
			String next = position + 1 < steps.size() ? taskName(steps.get(position + 1)) : completion;
			states.set(taskName(step), stepTask(step, next));
		}

		ObjectNode commit = sendAndWait(saga.completion().channel(), saga.completion().command(),
				saga.completion().succeeded());
		commit.set("Retry", json.createArrayNode()
				.add(retrier("States.ALL", 1, UNLIMITED_ATTEMPTS, 1.0, null)));
		commit.put("Next", COMPLETED);
		states.set(completion, commit);
		states.set(COMPLETED, json.createObjectNode().put("Type", "Succeed"));

		for (int position = 0; position < steps.size(); position++) {
			Step step = steps.get(position);
			states.set(failedName(step), failureNote(step, firstCompensationBelow(steps, position)));
			states.set(timedOutName(step), timeoutNote(step, firstCompensationBelow(steps, position + 1)));
		}

		for (int position = steps.size() - 1; position >= 0; position--) {
			Step step = steps.get(position);
			if (step.compensation() != null) {
				states.set(compensationName(step),
						compensationTask(step, step.compensation(), firstCompensationBelow(steps, position)));
			}
		}

		states.set(REJECTED, json.createObjectNode()
				.put("Type", "Fail")
				.put("Error", REJECTION_ERROR)
				.put("CausePath", "$.rejection.reason"));

		return machine;
	}

	/** A step: sent again on timeout as the sweeper does, then undone (in doubt) or, refused, not. */
	private ObjectNode stepTask(Step step, String next) {

		ObjectNode task = sendAndWait(step.channel(), step.command(), step.succeeded());
		task.set("Retry", json.createArrayNode()
				.add(retrier("States.Timeout", 1, properties.maxAttempts() - 1, 1.0, null)));
		task.set("Catch", json.createArrayNode()
				.add(catcher("States.Timeout", "$.failure", timedOutName(step)))
				.add(catcher("States.ALL", "$.failure", failedName(step))));
		task.put("Next", next);
		return task;
	}

	/**
	 * A compensation: tried {@code max-compensation-attempts} times with a doubling backoff; when it keeps
	 * failing, the failure is recorded in the data and the earlier steps are undone all the same.
	 */
	private ObjectNode compensationTask(Step step, Compensation compensation, String next) {

		ObjectNode task = sendAndWait(step.channel(), compensation.command(), compensation.succeeded());
		task.set("Retry", json.createArrayNode()
				.add(retrier("States.ALL", wholeSeconds(properties.compensationBackoff()),
						properties.maxCompensationAttempts() - 1, 2.0, wholeSeconds(properties.maxCompensationBackoff()))));
		task.set("Catch", json.createArrayNode()
				.add(catcher("States.ALL", "$." + decapitalize(compensationName(step)) + "Failure", next)));
		task.put("Next", next);
		return task;
	}

	/** Records why the order is rejected when a step was refused (or its command could not be sent). */
	private ObjectNode failureNote(Step step, String next) {

		return json.createObjectNode()
				.put("Type", "Pass")
				.set("Parameters", json.createObjectNode()
						.put("reason.$", "States.Format('" + intrinsicText(step.name()) + " failed: {}', $.failure.Cause)"))
				.put("ResultPath", "$.rejection")
				.put("Next", next);
	}

	/** Records why the order is rejected when a step had no reply after all its attempts. */
	private ObjectNode timeoutNote(Step step, String next) {

		return json.createObjectNode()
				.put("Type", "Pass")
				.set("Result", json.createObjectNode()
						.put("reason", step.name() + " failed: No reply after " + properties.maxAttempts() + " attempts"))
				.put("ResultPath", "$.rejection")
				.put("Next", next);
	}

	/**
	 * A task that sends the command to the channel's FIFO queue with the outbox's message attributes and
	 * the task token, and keeps the reply under its type's name.
	 */
	private ObjectNode sendAndWait(String channel, Function<SagaData, Object> command, Class<?> reply) {

		ObjectNode attributes = json.createObjectNode();
		attributes.set("type", attribute("StringValue", templates.typeOf(command)));
		attributes.set("message-id", attribute("StringValue.$", "States.UUID()"));
		attributes.set("aggregate-id", attribute("StringValue.$", "$.orderId"));
		attributes.set("created-at", attribute("StringValue.$", "$$.State.EnteredTime"));
		attributes.set("task-token", attribute("StringValue.$", "$$.Task.Token"));

		ObjectNode parameters = json.createObjectNode()
				.put("QueueUrl", queueUrlOfChannel.apply(channel))
				.put("MessageGroupId.$", "$.orderId")
				// Every send is a new message, a resend too: a deduplication id repeated within five
				// minutes would make SQS drop the resend.
				.put("MessageDeduplicationId.$", "States.UUID()")
				.set("MessageBody", templates.templateOf(command))
				.set("MessageAttributes", attributes);

		return json.createObjectNode()
				.put("Type", "Task")
				.put("Resource", SEND_AND_WAIT)
				.set("Parameters", parameters)
				.put("TimeoutSeconds", wholeSeconds(properties.stepTimeout()))
				.put("ResultPath", replyPath(reply));
	}

	private ObjectNode attribute(String valueKey, String value) {
		return json.createObjectNode().put("DataType", "String").put(valueKey, value);
	}

	private ObjectNode retrier(String error, int intervalSeconds, int maxAttempts, double backoffRate,
			@Nullable Integer maxDelaySeconds) {

		ObjectNode retrier = json.createObjectNode();
		retrier.putArray("ErrorEquals").add(error);
		retrier.put("IntervalSeconds", intervalSeconds);
		retrier.put("MaxAttempts", maxAttempts);
		retrier.put("BackoffRate", backoffRate);
		if (maxDelaySeconds != null) {
			retrier.put("MaxDelaySeconds", maxDelaySeconds);
		}
		// Many executions retrying against the same participant should not do so in step.
		retrier.put("JitterStrategy", "FULL");
		return retrier;
	}

	private ObjectNode catcher(String error, String resultPath, String next) {

		ObjectNode catcher = json.createObjectNode();
		catcher.putArray("ErrorEquals").add(error);
		catcher.put("ResultPath", resultPath);
		catcher.put("Next", next);
		return catcher;
	}

	/** Where undoing starts when the step at {@code below} and later ones need no undoing. */
	private String firstCompensationBelow(List<Step> steps, int below) {

		for (int position = below - 1; position >= 0; position--) {
			if (steps.get(position).compensation() != null) {
				return compensationName(steps.get(position));
			}
		}
		return REJECTED;
	}

	private String taskName(Step step) {
		return templates.typeOf(step.command());
	}

	private String compensationName(Step step) {
		return templates.typeOf(step.compensation().command());
	}

	private String failedName(Step step) {
		return taskName(step) + " failed";
	}

	private String timedOutName(Step step) {
		return taskName(step) + " timed out";
	}

	/** Where a reply is kept in the state machine's data: {@code $.inventoryReserved}. */
	static String replyPath(Class<?> reply) {
		return "$." + decapitalize(reply.getSimpleName());
	}

	private static String decapitalize(String name) {
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	/** Step Functions counts in whole seconds, at least one. */
	private static int wholeSeconds(Duration duration) {
		return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	/** Escapes the characters that are special in an intrinsic function's string literal. */
	private static String intrinsicText(String text) {
		return text.replaceAll("([\\\\'{}])", "\\\\$1");
	}
}
