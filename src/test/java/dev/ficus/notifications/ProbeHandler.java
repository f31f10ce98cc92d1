package dev.ficus.notifications;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import io.micrometer.tracing.Tracer;

/**
 * A handler for the messaging tests, owned by the notifications module because of its package: it runs in
 * {@code notificationsTransactions} and its messages go through {@code notifications.inbox}. It records
 * every call, and throws for a probe that asks it to.
 */
public class ProbeHandler {

	public static final String CHANNEL = "probe-commands";

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Tracer tracer;

	public ProbeHandler(Tracer tracer) {
		this.tracer = tracer;
	}

	@MessageHandler(channel = CHANNEL)
	void on(Probe probe, IncomingMessage message) {

		var span = tracer.currentSpan();
		calls.add(new Call(message.messageId(), message.aggregateId(), probe.sequence(),
				span == null ? null : span.context().traceId()));

		if (probe.fail()) {
			throw new IllegalStateException("Probe " + message.messageId() + " fails as it asked to");
		}
	}

	public List<Call> calls() {
		return List.copyOf(calls);
	}

	public long callsOf(UUID messageId) {
		return calls.stream().filter(call -> call.messageId().equals(messageId)).count();
	}

	public List<Integer> sequencesOf(String aggregateId) {
		return calls.stream().filter(call -> call.aggregateId().equals(aggregateId)).map(Call::sequence).toList();
	}

	/** The test message: its position in its aggregate's sequence, and whether its handling must fail. */
	public record Probe(int sequence, boolean fail, String note) {

		public static Probe number(int sequence) {
			return new Probe(sequence, false, "");
		}
	}

	public record Call(UUID messageId, String aggregateId, int sequence, @Nullable String traceId) {
	}
}
