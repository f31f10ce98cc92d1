package dev.ficus.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link MessageHandler} learns about the message besides its payload.
 *
 * @param messageId the id given by the sender's outbox; the same for every redelivery
 * @param type the payload type, the simple name of the sender's record class
 * @param channel the channel it arrived on
 * @param aggregateId what the message is about
 * @param replyTo where the sender expects a reply, if anywhere
 * @param sentAt when the sender's transaction wrote it
 */
public record IncomingMessage(UUID messageId, String type, String channel, String aggregateId,
		@Nullable String replyTo, Instant sentAt) {
}
