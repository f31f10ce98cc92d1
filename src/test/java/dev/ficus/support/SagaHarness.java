package dev.ficus.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.ficus.payments.ScriptedPayments;
import tools.jackson.databind.json.JsonMapper;

/**
 * Beans of the tests that drive sagas by hand: the recording outbox in place of the real one, the
 * in-process delivery that plays the messaging module, and scripted payments.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SagaHarness {

	@Bean
	@Primary
	RecordingOutbox recordingOutbox() {
		return new RecordingOutbox();
	}

	@Bean
	InProcessDelivery inProcessDelivery(RecordingOutbox outbox, ApplicationContext context, JsonMapper json) {
		return new InProcessDelivery(outbox, context, json);
	}

	@Bean
	ScriptedPayments scriptedPayments(RecordingOutbox outbox) {
		return new ScriptedPayments(outbox);
	}
}
