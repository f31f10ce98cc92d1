package dev.ficus.messaging.internal;

import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the messaging module: the SQS client, the handler registry and this process's outbox relay.
 */
@Configuration(proxyBeanMethods = false)
@Import(SqsConfiguration.class)
@EnableConfigurationProperties(PublicationsProperties.class)
class MessagingConfiguration {

	/** Static: it inspects every other bean as it is created. */
	@Bean
	static MessageHandlers messageHandlers() {
		return new MessageHandlers();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "ficus.messaging.relay.enabled", matchIfMissing = true)
	OutboxRelay outboxRelay(OutboxRows rows, SqsClient sqs, Queues queues, MessagingProperties settings,
			RelayWakeUp wakeUp) {

		return new OutboxRelay(rows, sqs, queues, settings.relay(), wakeUp, relayOwner());
	}

	/** Names this process in claims, so an operator can tell which instance holds a row. */
	private static String relayOwner() {

		String host = System.getenv().getOrDefault("HOSTNAME", "local");
		return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
	}
}
