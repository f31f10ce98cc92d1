package dev.ficus.messaging.internal;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Embedded SQS when {@code ficus.sqs.embedded=true}, or when it is unset and nothing tells the AWS SDK
 * where SQS is: neither {@code AWS_ENDPOINT_URL_SQS} nor {@code AWS_REGION} (nor their system properties).
 */
class EmbeddedSqsCondition implements Condition {

	static boolean embedded(Environment environment) {

		Boolean forced = environment.getProperty("ficus.sqs.embedded", Boolean.class);
		if (forced != null) {
			return forced;
		}
		return !hasAny(environment, "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL", "AWS_REGION",
				"aws.endpointUrlSqs", "aws.endpointUrl", "aws.region");
	}

	private static boolean hasAny(Environment environment, String... names) {

		for (String name : names) {
			String value = environment.getProperty(name);
			if (value != null && !value.isBlank()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return embedded(context.getEnvironment());
	}

	static class Not implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !embedded(context.getEnvironment());
		}
	}
}
