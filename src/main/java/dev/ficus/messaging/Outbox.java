package dev.ficus.messaging;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Sends messages to other modules and services through the transactional outbox.
 *
 * <p>Call it inside the sending module's transaction: the message is written to the outbox in that
 * transaction, so it leaves if and only if the module's own writes commit. A relay delivers it to the
 * channel's queue afterwards, at least once, and in order with the earlier messages of the same
 * aggregate.
 */
public interface Outbox {

	/**
	 * Queues {@code payload} for {@code channel}.
	 *
	 * @param channel the logical destination, such as {@code inventory-commands}; each channel is one queue
	 * @param aggregateId what the message is about; messages of one aggregate are delivered in order
	 * @param payload a record that Jackson can write; its simple class name is the message type
	 * @return the message id, which consumers use to drop duplicates
	 */
	default UUID send(String channel, String aggregateId, Object payload) {
		return send(channel, aggregateId, payload, null);
	}

	/**
	 * Queues {@code payload} for {@code channel} and names the channel where the receiver should reply.
	 */
	UUID send(String channel, String aggregateId, Object payload, @Nullable String replyTo);
}
