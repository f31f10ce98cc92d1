package dev.ficus.messaging.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One FIFO queue per channel, {@code <prefix><channel>.fifo}, with a dead-letter queue
 * {@code <prefix><channel>-dlq.fifo} that takes a message after {@code maxReceives} failed deliveries.
 *
 * <p>Creates them at start-up when SQS is embedded or {@code ficus.sqs.create-queues=true} (the local
 * stack); in AWS they come from the infrastructure code and are only looked up here.
 */
@Component
class Queues implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Queues.class);

	private final SqsClient sqs;

	private final SqsProperties settings;

	private final MessagingProperties messaging;

	private final MessageHandlers handlers;

	private final boolean create;

	private final Map<String, String> urls = new ConcurrentHashMap<>();

	Queues(SqsClient sqs, SqsProperties settings, MessagingProperties messaging, MessageHandlers handlers,
			Environment environment) {

		this.sqs = sqs;
		this.settings = settings;
		this.messaging = messaging;
		this.handlers = handlers;
		this.create = settings.createQueues() || EmbeddedSqsCondition.embedded(environment);
	}

	@Override
	public void afterSingletonsInstantiated() {

		if (!create) {
			return;
		}

		Set<String> channels = new TreeSet<>(settings.channels());
		channels.addAll(handlers.channels());
		channels.forEach(this::create);
	}

	String queueName(String channel) {
		return settings.queuePrefix() + channel + ".fifo";
	}

	String deadLetterQueueName(String channel) {
		return settings.queuePrefix() + channel + "-dlq.fifo";
	}

	/** The queue's URL, looked up once; throws the SDK's {@code QueueDoesNotExistException} if it is missing. */
	String url(String channel) {
		return urls.computeIfAbsent(channel,
				name -> sqs.getQueueUrl(request -> request.queueName(queueName(name))).queueUrl());
	}

	String deadLetterUrl(String channel) {
		return sqs.getQueueUrl(request -> request.queueName(deadLetterQueueName(channel))).queueUrl();
	}

	void create(String channel) {

		String deadLetterUrl = sqs.createQueue(request -> request
				.queueName(deadLetterQueueName(channel))
				.attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
				.queueUrl();
		String deadLetterArn = sqs.getQueueAttributes(request -> request
				.queueUrl(deadLetterUrl)
				.attributeNames(QueueAttributeName.QUEUE_ARN))
				.attributes()
				.get(QueueAttributeName.QUEUE_ARN);

		var consumer = messaging.consumer();
		String redrivePolicy = "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
				.formatted(deadLetterArn, consumer.maxReceives());

		String url = sqs.createQueue(request -> request
				.queueName(queueName(channel))
				.attributes(Map.of(
						QueueAttributeName.FIFO_QUEUE, "true",
						// The relay sets the message id as deduplication id; the body is no identity.
						QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
						QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(consumer.visibilityTimeout().toSeconds()),
						QueueAttributeName.REDRIVE_POLICY, redrivePolicy)))
				.queueUrl();
		urls.put(channel, url);

		log.info("Queue {} is ready, with dead-letter queue {} after {} receives", queueName(channel),
				deadLetterQueueName(channel), consumer.maxReceives());
	}
}
