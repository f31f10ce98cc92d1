package dev.ficus.orders.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A saga as data: its steps in order, what each sends and which replies end it, how each is undone, and
 * the action that seals success. The coordinator interprets it; nothing about the order placement saga
 * lives anywhere else, so the same definition can be exported, for example as a Step Functions state
 * machine (see docs/saga.md).
 *
 * <p>Steps run in the order given and compensations in reverse. The completion is sent once every step
 * succeeded; it is retried until acknowledged and never compensated.
 */
final class SagaDefinition {

	private final String name;

	private final List<Step> steps;

	private final Completion completion;

	private final Map<Class<?>, ReplyMeaning> replyMeanings;

	SagaDefinition(String name, List<Step> steps, Completion completion) {
		this.name = name;
		this.steps = List.copyOf(steps);
		this.completion = completion;
		this.replyMeanings = replyMeanings(steps, completion);
	}

	String name() {
		return name;
	}

	List<Step> steps() {
		return steps;
	}

	Completion completion() {
		return completion;
	}

	/**
	 * @param channel where the command goes and, for a compensation, the undoing command too
	 * @param command builds the command from what the saga knows so far
	 * @param succeeded the reply that means done
	 * @param failed the reply that means it will not happen; {@code null} when the participant never refuses
	 * @param compensation how to undo it; {@code null} when nothing needs undoing
	 */
	record Step(String name, String channel, Function<SagaData, Object> command, Class<?> succeeded,
			@Nullable Class<?> failed, @Nullable Compensation compensation) {
	}

	/**
	 * @param failed the reply that means "not undone yet, ask again"; {@code null} when undoing cannot fail
	 */
	record Compensation(Function<SagaData, Object> command, Class<?> succeeded, @Nullable Class<?> failed) {
	}

	record Completion(String channel, Function<SagaData, Object> command, Class<?> succeeded) {
	}

	/** What a reply type means: which step it ends (null for the completion), what kind, and how. */
	record ReplyMeaning(@Nullable Step step, Phase phase, boolean success) {
	}

	/** What a saga waits for at a time: a step's reply, a compensation's reply, or the completion's. */
	enum Phase {
		ACTION, COMPENSATION, COMPLETION
	}

	Step step(String name) {
		return steps.stream()
				.filter(step -> step.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Saga " + this.name + " has no step " + name));
	}

	Optional<ReplyMeaning> meaningOf(Class<?> replyType) {
		return Optional.ofNullable(replyMeanings.get(replyType));
	}

	private static Map<Class<?>, ReplyMeaning> replyMeanings(List<Step> steps, Completion completion) {

		Map<Class<?>, ReplyMeaning> meanings = new HashMap<>();
		for (Step step : steps) {
			add(meanings, step.succeeded(), new ReplyMeaning(step, Phase.ACTION, true));
			add(meanings, step.failed(), new ReplyMeaning(step, Phase.ACTION, false));
			if (step.compensation() != null) {
				add(meanings, step.compensation().succeeded(), new ReplyMeaning(step, Phase.COMPENSATION, true));
				add(meanings, step.compensation().failed(), new ReplyMeaning(step, Phase.COMPENSATION, false));
			}
		}
		add(meanings, completion.succeeded(), new ReplyMeaning(null, Phase.COMPLETION, true));
		return meanings;
	}

	private static void add(Map<Class<?>, ReplyMeaning> meanings, @Nullable Class<?> type, ReplyMeaning meaning) {

		if (type != null && meanings.put(type, meaning) != null) {
			throw new IllegalArgumentException("Reply type " + type.getSimpleName() + " is used twice in a saga");
		}
	}
}
