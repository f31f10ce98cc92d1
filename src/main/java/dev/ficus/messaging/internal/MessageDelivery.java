package dev.ficus.messaging.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.platform.database.ModuleSchema;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands one received message to its handler inside a transaction of the handler's module: the message id
 * goes into the module's inbox first, and only a first delivery reaches the handler. Both commit together,
 * so a message is either handled and recorded, or neither.
 */
@Component
class MessageDelivery {

	private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

	private final MessageHandlers handlers;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TraceContexts traces;

	private final BeanFactory beans;

	private final Map<String, TransactionTemplate> transactions = new ConcurrentHashMap<>();

	MessageDelivery(MessageHandlers handlers, JdbcClient jdbc, JsonMapper json, TraceContexts traces,
			BeanFactory beans) {

		this.handlers = handlers;
		this.jdbc = jdbc;
		this.json = json;
		this.traces = traces;
		this.beans = beans;
	}

	/** Checks at start-up that every handler's module has a schema, a transaction manager and so an inbox. */
	void verifyModules() {
		handlers.all().forEach(handler -> transactionsOf(handler.module()));
	}

	/**
	 * Delivers {@code message} from {@code channel}; returns normally once it is handled or recognised as
	 * a duplicate, so the caller may delete it from the queue.
	 *
	 * @throws RuntimeException when the handler fails; the transaction rolled back and the message stays
	 */
	void deliver(String channel, Message message) {

		IncomingMessage incoming = envelope(channel, message);
		var handler = handlers.find(channel, incoming.type())
				.orElseThrow(() -> new IllegalStateException("No @MessageHandler takes " + incoming.type() + " on "
						+ channel + " (message " + incoming.messageId() + ")"));

		traces.continueTrace(attribute(message, MessageAttributes.TRACEPARENT), "consume " + incoming.type(),
				() -> transactionsOf(handler.module()).execute(status -> {

					int recorded = jdbc.sql("INSERT INTO " + handler.module() + ".inbox (message_id, type) "
							+ "VALUES (:id, :type) ON CONFLICT DO NOTHING")
							.param("id", incoming.messageId())
							.param("type", incoming.type())
							.update();
					if (recorded == 0) {
						log.info("Message {} ({} of aggregate {}) was handled before; dropping the duplicate",
								incoming.messageId(), incoming.type(), incoming.aggregateId());
						return false;
					}

					Object payload = json.readValue(message.body(), handler.payloadType());
					try {
						handler.invoke(payload, incoming);
					}
					catch (RuntimeException failure) {
						throw failure;
					}
					catch (Exception failure) {
						throw new IllegalStateException(failure.getMessage(), failure);
					}
					log.debug("Handled message {} ({} of aggregate {}) in module {}", incoming.messageId(),
							incoming.type(), incoming.aggregateId(), handler.module());
					return true;
				}));
	}

	private TransactionTemplate transactionsOf(String module) {

		return transactions.computeIfAbsent(module, name -> {
			ModuleSchema schema = ModuleSchema.valueOf(name.toUpperCase(Locale.ROOT));
			return new TransactionTemplate(
					beans.getBean(schema.schemaName() + "Transactions", PlatformTransactionManager.class));
		});
	}

	static IncomingMessage envelope(String channel, Message message) {

		String messageId = attribute(message, MessageAttributes.MESSAGE_ID);
		String type = attribute(message, MessageAttributes.TYPE);
		String aggregateId = attribute(message, MessageAttributes.AGGREGATE_ID);
		String createdAt = attribute(message, MessageAttributes.CREATED_AT);
		if (messageId == null || type == null || aggregateId == null || createdAt == null) {
			throw new IllegalArgumentException("SQS message " + message.messageId() + " on " + channel
					+ " lacks the outbox attributes (message-id, type, aggregate-id, created-at)");
		}
		return new IncomingMessage(UUID.fromString(messageId), type, channel, aggregateId,
				attribute(message, MessageAttributes.REPLY_TO), Instant.parse(createdAt));
	}

	static @Nullable String attribute(Message message, String name) {

		MessageAttributeValue value = message.messageAttributes().get(name);
		return value == null ? null : value.stringValue();
	}
}
