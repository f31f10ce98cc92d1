package dev.ficus.messaging.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One claimed outbox row, as the relay sends it. */
record OutboxRow(long position, UUID messageId, String channel, String aggregateId, String type, String payload,
		@Nullable String replyTo, @Nullable String traceparent, Instant createdAt, int attempts) {
}
