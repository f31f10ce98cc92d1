package dev.ficus.messaging.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import dev.ficus.messaging.Outbox;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes outbox rows with the caller's connection, so they commit or roll back with the caller's own
 * writes, and wakes the relay once they commit.
 */
@Component
class JdbcOutbox implements Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TraceContexts traces;

	private final RelayWakeUp relayWakeUp;

	JdbcOutbox(JdbcClient jdbc, JsonMapper json, TraceContexts traces, RelayWakeUp relayWakeUp) {
		this.jdbc = jdbc;
		this.json = json;
		this.traces = traces;
		this.relayWakeUp = relayWakeUp;
	}

	@Override
	public UUID send(String channel, String aggregateId, Object payload, @Nullable String replyTo) {

		Assert.hasText(channel, "channel must not be empty");
		Assert.hasText(aggregateId, "aggregateId must not be empty");
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Outbox.send(" + channel + ", " + aggregateId + ", "
					+ payload.getClass().getSimpleName() + ") needs the sending module's transaction, and none "
					+ "is active");
		}

		UUID messageId = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO messaging.outbox (message_id, channel, aggregate_id, type, payload, reply_to, traceparent)
				VALUES (:id, :channel, :aggregate, :type, :payload::jsonb, :replyTo, :traceparent)""")
				.param("id", messageId)
				.param("channel", channel)
				.param("aggregate", aggregateId)
				.param("type", payload.getClass().getSimpleName())
				.param("payload", json.writeValueAsString(payload))
				.param("replyTo", replyTo)
				.param("traceparent", traces.currentTraceparent())
				.update();

		wakeRelayAfterCommit();
		return messageId;
	}

	private void wakeRelayAfterCommit() {

		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					relayWakeUp.signal();
				}
			});
		}
	}
}
