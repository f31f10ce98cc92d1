package dev.ficus.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.messaging.internal.MessagingAdministration.PublicationState;
import dev.ficus.messaging.internal.PublicationProbeListener.PublicationProbe;

/** Spring Modulith's JDBC event publication registry, for real, with our staleness monitor and purge. */
@MessagingTest
class EventPublicationRegistryTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PublicationProbeListener listener;

	@Autowired
	MessagingAdministration administration;

	@Autowired
	PublicationStaleness staleness;

	@Test
	void purgesOnlyCompletedPublicationsAndKeepsFailedOnesResubmittable() {

		String completed = publish(false);
		String failed = publish(true);
		await().until(() -> status(completed).equals(Optional.of("COMPLETED")));
		await().until(() -> status(failed).equals(Optional.of("FAILED")));
		backdate(completed, Duration.ofHours(1));
		backdate(failed, Duration.ofHours(1));

		administration.purgeCompletedPublicationsOlderThan(Duration.ofMinutes(30));

		assertThat(status(completed)).isEmpty();
		assertThat(status(failed)).contains("FAILED");

		administration.resubmitFailedPublications();

		await().atMost(Duration.ofSeconds(20)).until(() -> status(failed).equals(Optional.of("COMPLETED")));
		assertThat(listener.callsOf(failed)).isEqualTo(2);
		assertThat(row(failed)).hasValueSatisfying(row -> assertThat(row.get("completion_date")).isNotNull());
	}

	@Test
	void keepsAResubmittedPublicationRunningUntilItCompletesWithoutFailingItAgain() throws Exception {

		String probe = publish(true);
		await().until(() -> status(probe).equals(Optional.of("FAILED")));
		backdate(probe, Duration.ofHours(1));
		listener.hold(probe);

		CompletableFuture<Void> resubmission = CompletableFuture.runAsync(administration::resubmitFailedPublications);
		assertThat(listener.awaitRunning(probe)).isTrue();

		// The publication is an hour old, far beyond the staleness limits; its resubmission is not.
		for (int check = 0; check < 3; check++) {
			staleness.markStalePublicationsFailed();
			assertThat(status(probe)).hasValueSatisfying(status -> assertThat(status).isNotEqualTo("FAILED"));
			assertThat(row(probe)).hasValueSatisfying(row -> assertThat(row.get("completion_date")).isNull());
		}

		listener.release(probe);
		resubmission.get();

		await().atMost(Duration.ofSeconds(20)).until(() -> status(probe).equals(Optional.of("COMPLETED")));
		assertThat(row(probe)).hasValueSatisfying(row -> assertThat(row.get("completion_date")).isNotNull());
		staleness.markStalePublicationsFailed();
		assertThat(status(probe)).contains("COMPLETED");
		assertThat(jdbc.sql("""
				SELECT count(*) FROM messaging.event_publication
				 WHERE completion_date IS NOT NULL AND status = 'FAILED'""")
				.query(Long.class)
				.single()).isZero();
	}

	@Test
	void marksAResubmissionFailedWhenItStallsLongerThanItsStaleness() {

		String probe = publish(true);
		await().until(() -> status(probe).equals(Optional.of("FAILED")));
		jdbc.sql("""
				UPDATE messaging.event_publication
				   SET status = 'RESUBMITTED', last_resubmission_date = now() - interval '1 hour'
				 WHERE serialized_event LIKE :probe""")
				.param("probe", "%" + probe + "%")
				.update();

		staleness.markStalePublicationsFailed();

		assertThat(status(probe)).contains("FAILED");
		assertThat(administration.publications(PublicationState.FAILED))
				.anySatisfy(publication -> assertThat(publication.eventType()).endsWith("PublicationProbe"));
	}

	private String publish(boolean failFirst) {

		String id = UUID.randomUUID().toString();
		new TransactionTemplate(transactionManager)
				.executeWithoutResult(status -> events.publishEvent(new PublicationProbe(id, failFirst)));
		return id;
	}

	private void backdate(String probe, Duration age) {

		jdbc.sql("""
				UPDATE messaging.event_publication
				   SET publication_date = publication_date - :age * interval '1 millisecond',
				       completion_date = completion_date - :age * interval '1 millisecond'
				 WHERE serialized_event LIKE :probe""")
				.param("age", age.toMillis())
				.param("probe", "%" + probe + "%")
				.update();
	}

	private Optional<String> status(String probe) {
		return row(probe).map(row -> String.valueOf(row.get("status")));
	}

	private Optional<Map<String, Object>> row(String probe) {

		return jdbc.sql("SELECT * FROM messaging.event_publication WHERE serialized_event LIKE :probe")
				.param("probe", "%" + probe + "%")
				.query()
				.listOfRows()
				.stream()
				.findFirst();
	}
}
