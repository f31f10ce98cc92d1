package dev.ficus.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.ficus.messaging.Outbox;

/**
 * Tests only: an in-memory {@link Outbox} for branches where the messaging module has no implementation
 * yet, so modules that send replies can start. As an auto-configuration it steps aside as soon as a real
 * {@code Outbox} bean exists.
 */
@AutoConfiguration
public class OutboxStandInConfiguration {

	@Bean
	@ConditionalOnMissingBean(Outbox.class)
	Outbox outboxStandIn() {
		return new RecordingOutbox();
	}

	/** Keeps what was sent, in order. */
	public static class RecordingOutbox implements Outbox {

		private final List<Sent> sent = new CopyOnWriteArrayList<>();

		@Override
		public UUID send(String channel, String aggregateId, Object payload, @Nullable String replyTo) {
			var id = UUID.randomUUID();
			sent.add(new Sent(id, channel, aggregateId, payload, replyTo));
			return id;
		}

		public List<Sent> sent() {
			return List.copyOf(sent);
		}
	}

	public record Sent(UUID messageId, String channel, String aggregateId, Object payload, @Nullable String replyTo) {
	}
}
