package dev.ficus.messaging.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the application reaches SQS ({@code ficus.sqs.*}).
 *
 * @param embedded {@code true} forces the in-process ElasticMQ, {@code false} forces the SDK's standard
 *        endpoint and region resolution; unset, it is embedded when neither {@code AWS_ENDPOINT_URL_SQS}
 *        nor {@code AWS_REGION} is set
 * @param createQueues whether to create the queues and their dead-letter queues at start-up (always done
 *        when embedded; in AWS the infrastructure creates them)
 * @param queuePrefix the start of every queue name: {@code <prefix><channel>.fifo}
 * @param channels channels whose queues exist even when no handler in this process consumes them, because
 *        this process sends to them
 */
@ConfigurationProperties("ficus.sqs")
record SqsProperties(@Nullable Boolean embedded, @DefaultValue("false") boolean createQueues,
		@DefaultValue("ficus-") String queuePrefix, @DefaultValue List<String> channels) {
}
