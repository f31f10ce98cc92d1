package dev.ficus.messaging.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay and the consumers ({@code ficus.messaging.*}). Per-channel switches
 * ({@code ficus.messaging.channels.<channel>.consume}) are read from the environment by
 * {@link ChannelConsumers}, because channel names contain hyphens.
 */
@ConfigurationProperties("ficus.messaging")
record MessagingProperties(@DefaultValue Relay relay, @DefaultValue Consumer consumer) {

	/**
	 * @param enabled whether this process runs a relay at all
	 * @param batchSize how many outbox rows one relay claims at a time
	 * @param lease how long a claim holds; a relay that dies loses its rows after this
	 * @param pollInterval how often the relay looks for rows when no commit woke it up
	 * @param initialBackoff the wait before the first retry of a row that failed to send
	 * @param maxBackoff the longest wait between two attempts at the same row
	 * @param retention how long sent rows stay in the outbox before they are purged
	 */
	record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("50") int batchSize,
			@DefaultValue("30s") Duration lease, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
			@DefaultValue("7d") Duration retention) {

		Relay {
			if (batchSize < 1) {
				throw new IllegalArgumentException("ficus.messaging.relay.batch-size must be at least 1, not "
						+ batchSize);
			}
			if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("ficus.messaging.relay.lease must be at least 1s, not " + lease);
			}
		}
	}

	/**
	 * @param pollers how many threads long-poll each consumed channel (its bulkhead)
	 * @param waitTime how long one receive call waits for messages (SQS long polling, at most 20s)
	 * @param visibilityTimeout how long a received message stays hidden before it is delivered again
	 * @param maxReceives after this many receives SQS moves a message to the channel's dead-letter queue
	 */
	record Consumer(@DefaultValue("2") int pollers, @DefaultValue("20s") Duration waitTime,
			@DefaultValue("30s") Duration visibilityTimeout, @DefaultValue("5") int maxReceives) {

		Consumer {
			if (waitTime.toSeconds() > 20) {
				throw new IllegalArgumentException("ficus.messaging.consumer.wait-time is at most 20s in SQS, not "
						+ waitTime);
			}
			if (pollers < 1 || maxReceives < 1) {
				throw new IllegalArgumentException("ficus.messaging.consumer.pollers and max-receives must be at "
						+ "least 1, not " + pollers + " and " + maxReceives);
			}
		}
	}
}
