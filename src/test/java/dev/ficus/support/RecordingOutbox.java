package dev.ficus.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.ficus.messaging.Outbox;

/**
 * An outbox for tests that keeps what the modules send instead of relaying it: like the real one, a
 * message only counts once the sender's transaction commits. {@link InProcessDelivery} hands the pending
 * messages to the handlers.
 */
public class RecordingOutbox implements Outbox {

	public record Sent(UUID messageId, String channel, String aggregateId, Object payload, @Nullable String replyTo) {

		public String type() {
			return payload.getClass().getSimpleName();
		}
	}

	private final List<Sent> history = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final ConcurrentLinkedDeque<Sent> pending = new ConcurrentLinkedDeque<>();

	@Override
	public UUID send(String channel, String aggregateId, Object payload, @Nullable String replyTo) {

		var sent = new Sent(UUID.randomUUID(), channel, aggregateId, payload, replyTo);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					record(sent);
				}
			});
		}
		else {
			record(sent);
		}
		return sent.messageId();
	}

	/** Everything ever sent about the aggregate, oldest first. */
	public List<Sent> sentAbout(String aggregateId) {
		return history.stream().filter(sent -> sent.aggregateId().equals(aggregateId)).toList();
	}

	/** The payloads of the given type ever sent about the aggregate, oldest first. */
	public <T> List<T> sentAbout(String aggregateId, Class<T> type) {
		return sentAbout(aggregateId).stream()
				.map(Sent::payload)
				.filter(type::isInstance)
				.map(type::cast)
				.toList();
	}

	/** Takes the oldest pending message that matches, if any. */
	@Nullable Sent takePending(Predicate<Sent> which) {

		for (Sent sent : pending) {
			if (which.test(sent) && pending.remove(sent)) {
				return sent;
			}
		}
		return null;
	}

	/** Forgets the pending messages that match, as a lost message would be; returns how many. */
	public int drop(Predicate<Sent> which) {

		List<Sent> dropped = new ArrayList<>(pending.stream().filter(which).toList());
		dropped.forEach(pending::remove);
		return dropped.size();
	}

	private void record(Sent sent) {
		history.add(sent);
		pending.add(sent);
	}
}
