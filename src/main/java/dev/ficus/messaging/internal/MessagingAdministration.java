package dev.ficus.messaging.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator needs when messages stop flowing: the in-process event publications that failed or are
 * still incomplete, and the outbox rows that have not left, with their last error; and a way to send both
 * on again once the cause is fixed.
 */
@Service
public class MessagingAdministration {

	private static final Logger log = LoggerFactory.getLogger(MessagingAdministration.class);

	private static final String PUBLICATION_COLUMNS = """
			id, listener_id, event_type, publication_date, completion_date, status, completion_attempts,
			last_resubmission_date""";

	private static final String OUTBOX_COLUMNS = """
			message_id, channel, aggregate_id, type, created_at, attempts, next_attempt_at, claim_owner,
			claim_expires_at, last_error""";

	private final JdbcClient jdbc;

	private final TransactionTemplate messaging;

	private final FailedEventPublications failedPublications;

	private final CompletedEventPublications completedPublications;

	private final PublicationsProperties settings;

	private final RelayWakeUp relayWakeUp;

	MessagingAdministration(JdbcClient jdbc, @Qualifier("messagingTransactions") PlatformTransactionManager messaging,
			FailedEventPublications failedPublications, CompletedEventPublications completedPublications,
			PublicationsProperties settings, RelayWakeUp relayWakeUp) {

		this.jdbc = jdbc;
		this.messaging = new TransactionTemplate(messaging);
		this.failedPublications = failedPublications;
		this.completedPublications = completedPublications;
		this.settings = settings;
		this.relayWakeUp = relayWakeUp;
	}

	/** Failed publications, or all incomplete ones (failed, waiting, running or resubmitted). */
	public List<Publication> publications(PublicationState state) {

		String where = switch (state) {
			case FAILED -> "status = 'FAILED'";
			case INCOMPLETE -> "completion_date IS NULL";
		};
		return jdbc.sql("SELECT " + PUBLICATION_COLUMNS + " FROM messaging.event_publication WHERE " + where
				+ " ORDER BY publication_date")
				.query(MessagingAdministration::publication)
				.list();
	}

	/**
	 * Hands every failed publication to its listener again (through Spring Modulith, which marks each
	 * resubmitted first and completed when its listener succeeds).
	 *
	 * @return the publications that were failed when the resubmission started
	 */
	public List<Publication> resubmitFailedPublications() {

		List<Publication> failed = publications(PublicationState.FAILED);
		failedPublications.resubmit(ResubmissionOptions.defaults().withBatchSize(Math.max(failed.size(), 1)));
		log.info("Resubmitted {} failed event publications", failed.size());
		return failed;
	}

	/** Deletes completed publications older than {@code age}; failed and running ones stay, whatever their age. */
	public void purgeCompletedPublicationsOlderThan(Duration age) {
		completedPublications.deletePublicationsOlderThan(age);
	}

	@Scheduled(fixedDelayString = "${ficus.messaging.relay.purge-interval:1h}", initialDelayString = "1m")
	void purgeCompletedPublications() {
		purgeCompletedPublicationsOlderThan(settings.retention());
	}

	/** Outbox rows not sent yet, or only those whose last attempt failed ({@link OutboxState#STUCK}). */
	public List<OutboxEntry> outbox(OutboxState state) {

		String where = switch (state) {
			case PENDING -> "sent_at IS NULL";
			case STUCK -> "sent_at IS NULL AND last_error IS NOT NULL";
		};
		return messaging.execute(status -> jdbc.sql("SELECT " + OUTBOX_COLUMNS + " FROM messaging.outbox WHERE "
				+ where + " ORDER BY position LIMIT 1000")
				.query(MessagingAdministration::outboxEntry)
				.list());
	}

	/**
	 * Makes unsent rows due now, dropping their backoff and any claim, and wakes the relay.
	 *
	 * @param messageId one row, or every stuck row when {@code null}
	 * @return how many rows were requeued
	 */
	public int requeue(@Nullable UUID messageId) {

		String which = messageId == null ? "last_error IS NOT NULL" : "message_id = :id";
		Integer requeued = messaging.execute(status -> {
			var statement = jdbc.sql("""
					UPDATE messaging.outbox
					   SET next_attempt_at = now(), claim_owner = NULL, claim_expires_at = NULL
					 WHERE sent_at IS NULL AND """ + " " + which);
			return messageId == null ? statement.update() : statement.param("id", messageId).update();
		});

		relayWakeUp.signal();
		log.info("Requeued {} outbox rows ({})", requeued, messageId == null ? "all stuck" : messageId);
		return requeued == null ? 0 : requeued;
	}

	private static Publication publication(ResultSet rs, int row) throws SQLException {

		return new Publication(rs.getObject("id", UUID.class), rs.getString("listener_id"),
				rs.getString("event_type"), instant(rs.getTimestamp("publication_date")),
				instant(rs.getTimestamp("completion_date")), rs.getString("status"), rs.getInt("completion_attempts"),
				instant(rs.getTimestamp("last_resubmission_date")));
	}

	private static OutboxEntry outboxEntry(ResultSet rs, int row) throws SQLException {

		return new OutboxEntry(rs.getObject("message_id", UUID.class), rs.getString("channel"),
				rs.getString("aggregate_id"), rs.getString("type"), instant(rs.getTimestamp("created_at")),
				rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")), rs.getString("claim_owner"),
				instant(rs.getTimestamp("claim_expires_at")), rs.getString("last_error"));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	public enum PublicationState {
		FAILED, INCOMPLETE
	}

	public enum OutboxState {
		PENDING, STUCK
	}

	public record Publication(UUID id, String listenerId, String eventType, @Nullable Instant publicationDate,
			@Nullable Instant completionDate, @Nullable String status, int completionAttempts,
			@Nullable Instant lastResubmissionDate) {
	}

	public record OutboxEntry(UUID messageId, String channel, String aggregateId, String type,
			@Nullable Instant createdAt, int attempts, @Nullable Instant nextAttemptAt, @Nullable String claimOwner,
			@Nullable Instant claimExpiresAt, @Nullable String lastError) {
	}
}
