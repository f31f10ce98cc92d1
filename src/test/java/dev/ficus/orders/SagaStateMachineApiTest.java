package dev.ficus.orders;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.ficus.support.SagaTest;

/** The saga's Step Functions export over HTTP, with the saga settings the application runs with. */
@SagaTest
class SagaStateMachineApiTest {

	@Autowired
	MockMvc http;

	@Test
	void servesTheStateMachineWithTheConfiguredTimingAndQueuePlaceholders() throws Exception {

		http.perform(get("/orders/saga/state-machine"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
				.andExpect(jsonPath("$.StartAt").value("Begin"))
				.andExpect(jsonPath("$.States.ChargePayment.Resource")
						.value("arn:aws:states:::sqs:sendMessage.waitForTaskToken"))
				.andExpect(jsonPath("$.States.ChargePayment.Parameters.QueueUrl").value("${payments_commands_queue_url}"))
				// @SagaTest sets step-timeout 30s, max-attempts 3, max-compensation-attempts 3.
				.andExpect(jsonPath("$.States.ChargePayment.TimeoutSeconds").value(30))
				.andExpect(jsonPath("$.States.ChargePayment.Retry[0].MaxAttempts").value(2))
				.andExpect(jsonPath("$.States.RefundPayment.Retry[0].MaxAttempts").value(2))
				.andExpect(jsonPath("$.States['Order rejected'].Type").value("Fail"));
	}
}
