package dev.ficus.messaging.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's statements on {@code messaging.outbox}, each in a short transaction of the messaging module
 * (its database role may read, claim and purge rows; the other modules may only insert).
 */
@Component
class OutboxRows {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	OutboxRows(JdbcClient jdbc, @Qualifier("messagingTransactions") PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * Claims up to {@code limit} due rows for {@code owner} until {@code lease} passes.
	 *
	 * <p>Only the earliest unsent row of each aggregate on a channel can be claimed: a later row waits until
	 * every earlier one is sent, so it never overtakes one that is held by a live claim or waiting for a
	 * retry. {@code SKIP LOCKED} lets relays that claim at the same moment take disjoint rows, and a row
	 * whose claim expired (its relay died) is claimable again.
	 */
	List<OutboxRow> claim(String owner, int limit, Duration lease) {

		List<OutboxRow> rows = transactions.execute(status -> jdbc.sql("""
				UPDATE messaging.outbox o
				   SET claim_owner = :owner,
				       claim_expires_at = now() + :leaseMillis * interval '1 millisecond',
				       attempts = o.attempts + 1
				 WHERE o.position IN (
				         SELECT h.position
				           FROM messaging.outbox h
				          WHERE h.sent_at IS NULL
				            AND h.next_attempt_at <= now()
				            AND (h.claim_expires_at IS NULL OR h.claim_expires_at < now())
				            AND h.position = (
				                  SELECT min(earliest.position)
				                    FROM messaging.outbox earliest
				                   WHERE earliest.channel = h.channel
				                     AND earliest.aggregate_id = h.aggregate_id
				                     AND earliest.sent_at IS NULL)
				          ORDER BY h.position
				          LIMIT :limit
				            FOR UPDATE SKIP LOCKED)
				RETURNING o.position, o.message_id, o.channel, o.aggregate_id, o.type, o.payload::text AS payload,
				          o.reply_to, o.traceparent, o.created_at, o.attempts""")
				.param("owner", owner)
				.param("leaseMillis", lease.toMillis())
				.param("limit", limit)
				.query(OutboxRows::row)
				.list());

		return rows.stream().sorted(Comparator.comparingLong(OutboxRow::position)).toList();
	}

	/** Marks rows sent, whoever holds them now: SQS has them, and a second send would only be a duplicate. */
	void markSent(Collection<Long> positions) {

		if (positions.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> jdbc.sql("""
				UPDATE messaging.outbox
				   SET sent_at = now(), claim_owner = NULL, claim_expires_at = NULL, last_error = NULL
				 WHERE position IN (:positions) AND sent_at IS NULL""")
				.param("positions", positions)
				.update());
	}

	/**
	 * Releases the rows that failed to send, with their error, due again after their backoff. A row that
	 * another relay claimed meanwhile (this one's lease ran out) is left to that relay.
	 */
	void markFailed(String owner, Map<OutboxRow, String> errors, Map<OutboxRow, Duration> backoffs) {

		if (errors.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> errors.forEach((row, error) -> jdbc.sql("""
				UPDATE messaging.outbox
				   SET claim_owner = NULL, claim_expires_at = NULL, last_error = :error,
				       next_attempt_at = now() + :backoffMillis * interval '1 millisecond'
				 WHERE position = :position AND claim_owner = :owner AND sent_at IS NULL""")
				.param("error", error)
				.param("backoffMillis", backoffs.get(row).toMillis())
				.param("position", row.position())
				.param("owner", owner)
				.update()));
	}

	private static OutboxRow row(ResultSet rs, int rowNumber) throws SQLException {

		return new OutboxRow(rs.getLong("position"), rs.getObject("message_id", UUID.class),
				rs.getString("channel"), rs.getString("aggregate_id"), rs.getString("type"), rs.getString("payload"),
				rs.getString("reply_to"), rs.getString("traceparent"),
				rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"));
	}

	int purgeSentBefore(Duration retention) {

		Integer purged = transactions.execute(status -> jdbc.sql("""
				DELETE FROM messaging.outbox
				 WHERE sent_at < now() - :retentionMillis * interval '1 millisecond'""")
				.param("retentionMillis", retention.toMillis())
				.update());
		return purged == null ? 0 : purged;
	}
}
