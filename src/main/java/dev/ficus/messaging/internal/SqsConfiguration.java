package dev.ficus.messaging.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The SQS client: pointed at an in-process ElasticMQ when nothing says where SQS is (see
 * {@link EmbeddedSqsCondition}), otherwise built by the SDK's standard resolution of endpoint, region and
 * credentials ({@code AWS_ENDPOINT_URL_SQS}, {@code AWS_REGION}, the container's role), with no code
 * change between the two.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SqsProperties.class, MessagingProperties.class })
class SqsConfiguration {

	@Bean(destroyMethod = "close")
	@Conditional(EmbeddedSqsCondition.class)
	EmbeddedSqs embeddedSqs() {
		return EmbeddedSqs.start();
	}

	@Bean(destroyMethod = "close")
	@Conditional(EmbeddedSqsCondition.class)
	SqsClient embeddedSqsClient(EmbeddedSqs server, @Value("${ficus.aws.retry-mode:adaptive}") String retryMode) {

		return builder(retryMode)
				.endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
				.region(Region.US_EAST_1)
				// ElasticMQ checks no signature, but the SDK insists on signing with something.
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ficus", "ficus")))
				.build();
	}

	@Bean(destroyMethod = "close")
	@Conditional(EmbeddedSqsCondition.Not.class)
	SqsClient sqsClient(@Value("${ficus.aws.retry-mode:adaptive}") String retryMode) {
		return builder(retryMode).build();
	}

	static SqsClientBuilder builder(String retryMode) {

		return SqsClient.builder()
				.httpClientBuilder(Apache5HttpClient.builder()
						.maxConnections(64)
						.connectionTimeout(Duration.ofSeconds(2))
						// Longer than the longest SQS long poll (20 s).
						.socketTimeout(Duration.ofSeconds(30)))
				.overrideConfiguration(ClientOverrideConfiguration.builder()
						.retryStrategy(retryMode(retryMode))
						.build());
	}

	static RetryMode retryMode(String setting) {

		return switch (setting.toLowerCase(Locale.ROOT)) {
			case "adaptive" -> RetryMode.ADAPTIVE_V2;
			case "standard" -> RetryMode.STANDARD;
			default -> throw new IllegalArgumentException(
					"ficus.aws.retry-mode must be adaptive or standard, not " + setting);
		};
	}
}
