package dev.ficus.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.messaging.internal.PublicationProbeListener.PublicationProbe;
import dev.ficus.notifications.ProbeHandler.Probe;

@MessagingTest
@Import(OutboxFixture.class)
class MessagingAdminControllerTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	OutboxFixture fixture;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void listsStuckOutboxRowsWithTheirLastErrorAndRequeuesThem() {

		UUID stuck = fixture.send("channel-without-queue", "order-" + UUID.randomUUID(), Probe.number(1));
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> fixture.row(stuck)
					.map(row -> row.get("last_error") != null)
					.orElse(false));

			assertThat(mvc.get().uri("/admin/messaging/outbox?state=stuck"))
					.hasStatusOk()
					.bodyJson()
					.extractingPath("$.entries[?(@.messageId == '%s')].lastError".formatted(stuck))
					.asArray()
					.singleElement()
					.asString()
					.contains("QueueDoesNotExist");

			assertThat(mvc.post().uri("/admin/messaging/outbox/{id}/requeue", stuck))
					.hasStatusOk()
					.bodyJson()
					.extractingPath("$.requeued")
					.isEqualTo(1);
		}
		finally {
			fixture.delete(List.of(stuck));
		}
	}

	@Test
	void answersProblemDetailsForAnUnknownRowOrState() {

		assertThat(mvc.post().uri("/admin/messaging/outbox/{id}/requeue", UUID.randomUUID()))
				.hasStatus(HttpStatus.NOT_FOUND)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(mvc.get().uri("/admin/messaging/publications?state=lost"))
				.hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("failed", "incomplete");
	}

	@Test
	void listsAFailedPublicationWithItsListener() {

		String probe = UUID.randomUUID().toString();
		new TransactionTemplate(transactionManager)
				.executeWithoutResult(status -> events.publishEvent(new PublicationProbe(probe, true)));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				mvc.get().uri("/admin/messaging/publications?state=failed"))
				.hasStatusOk()
				.bodyJson()
				.extractingPath("$.publications[*].listenerId")
				.asArray()
				.anySatisfy(listenerId -> assertThat(listenerId).asString().contains("PublicationProbeListener")));
	}
}
