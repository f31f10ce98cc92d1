package dev.ficus.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import software.amazon.awssdk.core.retry.RetryMode;

class SqsConfigurationTest {

	@Test
	void embedsSqsWhenNothingSaysWhereSqsIs() {
		assertThat(EmbeddedSqsCondition.embedded(new MockEnvironment())).isTrue();
	}

	@Test
	void usesTheSdksResolutionWhenAnEndpointOrRegionIsSet() {

		assertThat(EmbeddedSqsCondition.embedded(new MockEnvironment().withProperty("AWS_REGION", "eu-west-1")))
				.isFalse();
		assertThat(EmbeddedSqsCondition.embedded(
				new MockEnvironment().withProperty("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"))).isFalse();
	}

	@Test
	void letsTheEmbeddedSettingOverrideTheEnvironment() {

		assertThat(EmbeddedSqsCondition.embedded(new MockEnvironment()
				.withProperty("AWS_REGION", "eu-west-1")
				.withProperty("ficus.sqs.embedded", "true"))).isTrue();
		assertThat(EmbeddedSqsCondition.embedded(new MockEnvironment().withProperty("ficus.sqs.embedded", "false")))
				.isFalse();
	}

	@Test
	void mapsTheRetryModeSetting() {

		assertThat(SqsConfiguration.retryMode("adaptive")).isEqualTo(RetryMode.ADAPTIVE_V2);
		assertThat(SqsConfiguration.retryMode("STANDARD")).isEqualTo(RetryMode.STANDARD);
		assertThatIllegalArgumentException().isThrownBy(() -> SqsConfiguration.retryMode("legacy"))
				.withMessageContaining("ficus.aws.retry-mode");
	}
}
