package dev.ficus.messaging.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Moves outbox rows to SQS: claims a batch (see {@link OutboxRows#claim}), sends it with
 * {@code SendMessageBatch} (ten entries per call, the calls in parallel), marks sent exactly the entries
 * SQS accepted, and releases the others with their error and a growing backoff. Delivery is at least once:
 * a relay that dies after sending but before marking leaves rows that are sent again after their lease,
 * and the FIFO queue's deduplication id (the message id) and the consumers' inbox absorb the repeat.
 *
 * <p>It runs on a thread of its own, waking at every poll interval and right after every commit that
 * wrote outbox rows ({@link RelayWakeUp}).
 */
class OutboxRelay implements SmartLifecycle {

	static final int SQS_BATCH_LIMIT = 10;

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxRows rows;

	private final SqsClient sqs;

	private final Queues queues;

	private final MessagingProperties.Relay settings;

	private final RelayWakeUp wakeUp;

	private final String owner;

	private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();

	private volatile @Nullable Thread loop;

	OutboxRelay(OutboxRows rows, SqsClient sqs, Queues queues, MessagingProperties.Relay settings,
			RelayWakeUp wakeUp, String owner) {

		this.rows = rows;
		this.sqs = sqs;
		this.queues = queues;
		this.settings = settings;
		this.wakeUp = wakeUp;
		this.owner = owner;
	}

	String owner() {
		return owner;
	}

	/**
	 * One round: claim, send, record the outcome.
	 *
	 * @return the rows this round claimed
	 */
	List<OutboxRow> relayOnce() {

		long started = System.nanoTime();
		List<OutboxRow> claimed = rows.claim(owner, settings.batchSize(), settings.lease());
		if (claimed.isEmpty()) {
			return claimed;
		}

		long claimedAt = System.nanoTime();
		Map<OutboxRow, String> failures = send(claimed);
		long sentAt = System.nanoTime();

		List<Long> sent = claimed.stream()
				.filter(row -> !failures.containsKey(row))
				.map(OutboxRow::position)
				.toList();
		rows.markSent(sent);
		rows.markFailed(owner, failures, failures.keySet().stream()
				.collect(Collectors.toMap(row -> row, this::backoff)));

		failures.forEach((row, error) -> log.warn(
				"Relay {} could not send message {} ({} of aggregate {} on {}), attempt {}: {}", owner,
				row.messageId(), row.type(), row.aggregateId(), row.channel(), row.attempts(), error));
		log.debug("Relay {} sent {} of {} claimed messages (claim {} ms, send {} ms, record {} ms)", owner,
				sent.size(), claimed.size(), (claimedAt - started) / 1_000_000, (sentAt - claimedAt) / 1_000_000,
				(System.nanoTime() - sentAt) / 1_000_000);
		return claimed;
	}

	/** Sends the rows; returns the ones that failed, with why. */
	private Map<OutboxRow, String> send(List<OutboxRow> claimed) {

		Map<String, List<OutboxRow>> byChannel = claimed.stream()
				.collect(Collectors.groupingBy(OutboxRow::channel, LinkedHashMap::new, Collectors.toList()));

		List<Future<Map<OutboxRow, String>>> calls = new ArrayList<>();
		byChannel.forEach((channel, channelRows) -> {
			for (int from = 0; from < channelRows.size(); from += SQS_BATCH_LIMIT) {
				List<OutboxRow> chunk = channelRows.subList(from, Math.min(from + SQS_BATCH_LIMIT, channelRows.size()));
				calls.add(sends.submit(() -> sendBatch(channel, chunk)));
			}
		});

		Map<OutboxRow, String> failures = new HashMap<>();
		for (Future<Map<OutboxRow, String>> call : calls) {
			try {
				failures.putAll(call.get());
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Relay " + owner + " was interrupted while sending", interrupted);
			}
			catch (ExecutionException unexpected) {
				throw new IllegalStateException("Relay " + owner + " failed to send a batch", unexpected.getCause());
			}
		}
		return failures;
	}

	private Map<OutboxRow, String> sendBatch(String channel, List<OutboxRow> batch) {

		Map<String, OutboxRow> byEntryId = new LinkedHashMap<>();
		List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
		for (OutboxRow row : batch) {
			String entryId = Long.toString(row.position());
			byEntryId.put(entryId, row);
			entries.add(entry(entryId, row));
		}

		SendMessageBatchResponse response;
		try {
			String url = queues.url(channel);
			response = sqs.sendMessageBatch(request -> request.queueUrl(url).entries(entries));
		}
		catch (SqsException refused) {
			if (!isolatable(refused, batch)) {
				return allFailed(batch, refused);
			}
			// SQS refused the whole request for what is in it (an entry too long, or with characters it does
			// not allow): send the entries one by one, so a bad entry holds back only itself.
			Map<OutboxRow, String> failures = new HashMap<>();
			batch.forEach(row -> failures.putAll(sendBatch(channel, List.of(row))));
			return failures;
		}
		catch (RuntimeException failure) {
			// The whole call failed (SQS unreachable, queue missing): nothing of it counts as sent.
			return allFailed(batch, failure);
		}

		Set<String> accepted = response.successful().stream()
				.map(SendMessageBatchResultEntry::id)
				.collect(Collectors.toSet());
		Map<String, String> rejected = response.failed().stream()
				.collect(Collectors.toMap(BatchResultErrorEntry::id, entry -> entry.code() + ": " + entry.message(),
						(first, second) -> first));

		Map<OutboxRow, String> failures = new HashMap<>();
		byEntryId.forEach((entryId, row) -> {
			if (rejected.containsKey(entryId)) {
				failures.put(row, rejected.get(entryId));
			}
			else if (!accepted.contains(entryId)) {
				failures.put(row, "SQS returned no result for this entry");
			}
		});
		return failures;
	}

	private static Map<OutboxRow, String> allFailed(List<OutboxRow> batch, RuntimeException failure) {

		String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		Map<OutboxRow, String> failures = new HashMap<>();
		batch.forEach(row -> failures.put(row, error));
		return failures;
	}

	private static boolean isolatable(SqsException refused, List<OutboxRow> batch) {
		return batch.size() > 1 && refused.statusCode() >= 400 && refused.statusCode() < 500
				&& !(refused instanceof QueueDoesNotExistException);
	}

	private static SendMessageBatchRequestEntry entry(String entryId, OutboxRow row) {

		Map<String, MessageAttributeValue> attributes = new HashMap<>();
		attributes.put(MessageAttributes.MESSAGE_ID, MessageAttributes.text(row.messageId().toString()));
		attributes.put(MessageAttributes.TYPE, MessageAttributes.text(row.type()));
		attributes.put(MessageAttributes.AGGREGATE_ID, MessageAttributes.text(row.aggregateId()));
		attributes.put(MessageAttributes.CREATED_AT, MessageAttributes.text(row.createdAt().toString()));
		if (row.replyTo() != null) {
			attributes.put(MessageAttributes.REPLY_TO, MessageAttributes.text(row.replyTo()));
		}
		if (row.traceparent() != null) {
			attributes.put(MessageAttributes.TRACEPARENT, MessageAttributes.text(row.traceparent()));
		}

		return SendMessageBatchRequestEntry.builder()
				.id(entryId)
				.messageBody(row.payload())
				.messageGroupId(row.aggregateId())
				.messageDeduplicationId(row.messageId().toString())
				.messageAttributes(attributes)
				.build();
	}

	/** Exponential in the attempts so far, capped, with some jitter so failed rows do not return in step. */
	private Duration backoff(OutboxRow row) {

		int doublings = Math.min(Math.max(row.attempts() - 1, 0), 20);
		long millis = Math.min(settings.initialBackoff().toMillis() << doublings, settings.maxBackoff().toMillis());
		long jitter = ThreadLocalRandom.current().nextLong(millis / 5 + 1);
		return Duration.ofMillis(millis - jitter);
	}

	@Override
	public void start() {

		Thread thread = Thread.ofPlatform().name("outbox-relay").daemon(true).unstarted(this::run);
		loop = thread;
		thread.start();
		log.info("Outbox relay {} started: batches of {}, lease {}", owner, settings.batchSize(), settings.lease());
	}

	private void run() {

		while (loop == Thread.currentThread()) {
			try {
				List<OutboxRow> claimed = relayOnce();
				if (claimed.size() < settings.batchSize()) {
					wakeUp.await(settings.pollInterval());
				}
			}
			catch (InterruptedException stopped) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException failure) {
				log.warn("Relay {} failed a round; it tries again in {}", owner, settings.pollInterval(), failure);
				try {
					wakeUp.await(settings.pollInterval());
				}
				catch (InterruptedException stopped) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void stop() {

		Thread thread = loop;
		loop = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		log.info("Outbox relay {} stopped", owner);
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

	/** Stops after the consumers, so replies they send while draining still leave. */
	@Override
	public int getPhase() {
		return ChannelConsumers.PHASE - 1;
	}
}
