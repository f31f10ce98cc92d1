package dev.ficus.messaging.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Long-polls the queue of every channel that has a {@code @MessageHandler} in this process, unless
 * {@code ficus.messaging.channels.<channel>.consume=false} (an extracted service has taken the channel
 * over).
 *
 * <p>Each channel has its own fixed pool of poller threads, a bulkhead: a channel whose handlers are slow
 * or failing holds only its own threads. A poller hands its messages to {@link MessageDelivery} one by one
 * and deletes the handled ones from the queue. A failed message stays: SQS shows it again after the
 * visibility timeout and moves it to the dead-letter queue after {@code max-receives}. Within a FIFO
 * group a failure also holds back the group's later messages of the same receive, keeping their order.
 */
@Component
class ChannelConsumers implements SmartLifecycle {

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Logger log = LoggerFactory.getLogger(ChannelConsumers.class);

	private static final Duration PAUSE_AFTER_SQS_FAILURE = Duration.ofSeconds(1);

	private final SqsClient sqs;

	private final Queues queues;

	private final MessageHandlers handlers;

	private final MessageDelivery delivery;

	private final MessagingProperties.Consumer settings;

	private final Environment environment;

	private final Map<String, ExecutorService> pollers = new LinkedHashMap<>();

	private volatile boolean running;

	ChannelConsumers(SqsClient sqs, Queues queues, MessageHandlers handlers, MessageDelivery delivery,
			MessagingProperties settings, Environment environment) {

		this.sqs = sqs;
		this.queues = queues;
		this.handlers = handlers;
		this.delivery = delivery;
		this.settings = settings.consumer();
		this.environment = environment;
	}

	/** The channels this process consumes: those with a handler here and not switched off. */
	List<String> consumedChannels() {

		List<String> channels = new ArrayList<>();
		for (String channel : handlers.channels()) {
			if (environment.getProperty("ficus.messaging.channels." + channel + ".consume", Boolean.class, true)) {
				channels.add(channel);
			}
		}
		return channels;
	}

	@Override
	public synchronized void start() {

		delivery.verifyModules();
		running = true;

		for (String channel : consumedChannels()) {
			String url = queues.url(channel);
			ExecutorService executor = Executors.newFixedThreadPool(settings.pollers(),
					Thread.ofPlatform().name("consumer-" + channel + "-", 1).daemon(true).factory());
			for (int i = 0; i < settings.pollers(); i++) {
				executor.execute(() -> poll(channel, url));
			}
			pollers.put(channel, executor);
			log.info("Consuming {} with {} pollers", queues.queueName(channel), settings.pollers());
		}
	}

	private void poll(String channel, String url) {

		while (running && !Thread.currentThread().isInterrupted()) {
			try {
				List<Message> messages = sqs.receiveMessage(request -> request
						.queueUrl(url)
						.maxNumberOfMessages(OutboxRelay.SQS_BATCH_LIMIT)
						.waitTimeSeconds((int) settings.waitTime().toSeconds())
						.messageAttributeNames("All")
						.messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
						.messages();
				handle(channel, url, messages);
			}
			catch (AbortedException stopped) {
				return;
			}
			catch (RuntimeException failure) {
				if (!running) {
					return;
				}
				log.warn("Receiving from {} failed; trying again in {}: {}", channel, PAUSE_AFTER_SQS_FAILURE,
						failure.toString());
				try {
					Thread.sleep(PAUSE_AFTER_SQS_FAILURE);
				}
				catch (InterruptedException stopped) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void handle(String channel, String url, List<Message> messages) {

		Set<String> failedGroups = new HashSet<>();
		List<DeleteMessageBatchRequestEntry> handled = new ArrayList<>();

		for (Message message : messages) {
			String group = MessageDelivery.attribute(message, MessageAttributes.AGGREGATE_ID);
			if (group != null && failedGroups.contains(group)) {
				continue;
			}
			try {
				delivery.deliver(channel, message);
				handled.add(DeleteMessageBatchRequestEntry.builder()
						.id(Integer.toString(handled.size()))
						.receiptHandle(message.receiptHandle())
						.build());
			}
			catch (RuntimeException failure) {
				if (group != null) {
					failedGroups.add(group);
				}
				log.warn("Message {} ({} of aggregate {}) on {} failed on receive {} of {}; it stays for "
						+ "redelivery", MessageDelivery.attribute(message, MessageAttributes.MESSAGE_ID),
						MessageDelivery.attribute(message, MessageAttributes.TYPE),
						MessageDelivery.attribute(message, MessageAttributes.AGGREGATE_ID), channel,
						message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
						settings.maxReceives(), failure);
			}
		}

		if (!handled.isEmpty()) {
			// A failed delete only means a redelivery, which the inbox recognises.
			sqs.deleteMessageBatch(request -> request.queueUrl(url).entries(handled));
		}
	}

	@Override
	public synchronized void stop() {

		running = false;
		pollers.forEach((channel, executor) -> executor.shutdownNow());
		// A long poll in progress cannot be interrupted; it returns within the wait time.
		long deadline = System.nanoTime() + settings.waitTime().plusSeconds(5).toNanos();
		pollers.forEach((channel, executor) -> {
			try {
				if (!executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
					log.warn("Consumers of {} did not stop in time; their messages will be delivered again", channel);
				}
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		});
		pollers.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}
}
