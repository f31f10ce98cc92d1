package dev.ficus.stack.faults;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends copies of messages the outbox relay already delivered straight to their queues, as a broker
 * that redelivers, or a relay that crashed between sending and marking, would. The copies carry the
 * same body and the same envelope attributes as the relay's (see {@code OutboxRelay} in
 * {@code dev.ficus.messaging}), above all the same {@code message-id}, which the consumers' inboxes
 * key on. Only the FIFO deduplication id is fresh: with the original one SQS itself would drop the
 * copy within its five-minute window, and the consumers' own deduplication would go untested.
 */
final class MessageReplay {

	private static final String QUEUE_PREFIX = "ficus-";

	private static final int SQS_BATCH = 10;

	private record Delivered(String messageId, String channel, String aggregateId, String type, String payload,
			@Nullable String replyTo, @Nullable String traceparent, String createdAt) {
	}

	private MessageReplay() {
	}

	/**
	 * Sends {@code copies} messages: the most recently delivered ones, each once, and again from the
	 * newest when fewer were delivered.
	 *
	 * @return how many copies SQS accepted, and of how many distinct messages
	 */
	static String replay(Connection database, URI sqsEndpoint, int copies) throws SQLException {

		List<Delivered> delivered = delivered(database, copies);
		if (delivered.isEmpty()) {
			return "nothing delivered yet to replay";
		}
		try (SqsClient sqs = SqsClient.builder()
				.endpointOverride(sqsEndpoint)
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ficus-local",
						"ficus-local")))
				.build()) {
			Map<String, String> queueUrls = new HashMap<>();
			Map<String, List<SendMessageBatchRequestEntry>> pending = new HashMap<>();
			int accepted = 0;
			for (int index = 0; index < copies; index++) {
				Delivered message = delivered.get(index % delivered.size());
				List<SendMessageBatchRequestEntry> batch = pending.computeIfAbsent(message.channel(),
						any -> new ArrayList<>());
				batch.add(copyOf(message, batch.size()));
				if (batch.size() == SQS_BATCH) {
					accepted += send(sqs, queueUrls, message.channel(), batch);
				}
			}
			for (var entry : pending.entrySet()) {
				if (!entry.getValue().isEmpty()) {
					accepted += send(sqs, queueUrls, entry.getKey(), entry.getValue());
				}
			}
			return "%d copies of %d delivered messages sent again (%d accepted by SQS)".formatted(copies,
					delivered.size(), accepted);
		}
	}

	private static int send(SqsClient sqs, Map<String, String> queueUrls, String channel,
			List<SendMessageBatchRequestEntry> batch) {

		String url = queueUrls.computeIfAbsent(channel,
				name -> sqs.getQueueUrl(request -> request.queueName(QUEUE_PREFIX + name + ".fifo")).queueUrl());
		int accepted = sqs.sendMessageBatch(request -> request.queueUrl(url).entries(batch)).successful().size();
		batch.clear();
		return accepted;
	}

	private static SendMessageBatchRequestEntry copyOf(Delivered message, int entry) {

		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		attributes.put("message-id", text(message.messageId()));
		attributes.put("type", text(message.type()));
		attributes.put("aggregate-id", text(message.aggregateId()));
		attributes.put("created-at", text(message.createdAt()));
		if (message.replyTo() != null) {
			attributes.put("reply-to", text(message.replyTo()));
		}
		if (message.traceparent() != null) {
			attributes.put("traceparent", text(message.traceparent()));
		}
		return SendMessageBatchRequestEntry.builder()
				.id(Integer.toString(entry))
				.messageBody(message.payload())
				.messageGroupId(message.aggregateId())
				.messageDeduplicationId("replay-" + UUID.randomUUID())
				.messageAttributes(attributes)
				.build();
	}

	private static List<Delivered> delivered(Connection database, int limit) throws SQLException {

		String query = """
				SELECT message_id, channel, aggregate_id, type, payload::text, reply_to, traceparent, created_at
				  FROM messaging.outbox
				 WHERE sent_at IS NOT NULL
				 ORDER BY position DESC
				 LIMIT ?""";
		try (var statement = database.prepareStatement(query)) {
			statement.setInt(1, limit);
			try (ResultSet rows = statement.executeQuery()) {
				List<Delivered> delivered = new ArrayList<>();
				while (rows.next()) {
					delivered.add(new Delivered(rows.getString(1), rows.getString(2), rows.getString(3),
							rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
							rows.getObject(8, OffsetDateTime.class).toInstant().toString()));
				}
				return delivered;
			}
		}
	}

	private static MessageAttributeValue text(String value) {
		return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
	}
}
