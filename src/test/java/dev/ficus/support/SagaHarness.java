package dev.ficus.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.RefundPayment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Beans of the tests that drive sagas by hand: the recording outbox in place of the real one, the
 * in-process delivery that plays the messaging module, and scripted answers to payment commands.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SagaHarness {

	@Bean
	@Primary
	RecordingOutbox recordingOutbox() {
		return new RecordingOutbox();
	}

	@Bean
	ScriptedPayments scriptedPayments() {
		return new ScriptedPayments();
	}

	@Bean
	InProcessDelivery inProcessDelivery(RecordingOutbox outbox, ApplicationContext context, JsonMapper json,
			ScriptedPayments payments) {

		var delivery = new InProcessDelivery(outbox, context, json);
		delivery.alwaysAnswer(ChargePayment.class, payments::charge);
		delivery.alwaysAnswer(RefundPayment.class, payments::refund);
		return delivery;
	}
}
