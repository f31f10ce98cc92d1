package dev.ficus.messaging.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.messaging.Outbox;

/** Sends messages as the notifications module would, and reads the outbox and the inbox as their owners. */
@Component
class OutboxFixture {

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final TransactionTemplate notifications;

	private final TransactionTemplate messaging;

	OutboxFixture(Outbox outbox, JdbcClient jdbc,
			@Qualifier("notificationsTransactions") PlatformTransactionManager notifications,
			@Qualifier("messagingTransactions") PlatformTransactionManager messaging) {

		this.outbox = outbox;
		this.jdbc = jdbc;
		this.notifications = new TransactionTemplate(notifications);
		this.messaging = new TransactionTemplate(messaging);
	}

	UUID send(String channel, String aggregateId, Object payload) {
		return notifications.execute(status -> outbox.send(channel, aggregateId, payload));
	}

	/** The notifications module's transaction, for tests that send several messages or roll back. */
	TransactionTemplate notifications() {
		return notifications;
	}

	Optional<Map<String, Object>> row(UUID messageId) {
		return messaging.execute(status -> jdbc.sql("SELECT * FROM messaging.outbox WHERE message_id = ?")
				.param(messageId)
				.query()
				.listOfRows()
				.stream()
				.findFirst());
	}

	long unsent(Collection<UUID> messageIds) {
		return messaging.execute(status -> jdbc.sql("""
				SELECT count(*) FROM messaging.outbox WHERE message_id IN (:ids) AND sent_at IS NULL""")
				.param("ids", messageIds)
				.query(Long.class)
				.single());
	}

	/** Makes a row look written (and, if {@code sent}, sent) {@code age} ago. */
	void age(UUID messageId, Duration age, boolean sent) {
		messaging.executeWithoutResult(status -> jdbc.sql("""
				UPDATE messaging.outbox
				   SET created_at = now() - :age * interval '1 millisecond',
				       sent_at = CASE WHEN :sent THEN now() - :age * interval '1 millisecond' END
				 WHERE message_id = :id""")
				.param("age", age.toMillis())
				.param("sent", sent)
				.param("id", messageId)
				.update());
	}

	/** Removes rows a test left unsendable on purpose, so they do not reach the other tests' relays. */
	void delete(Collection<UUID> messageIds) {
		messaging.executeWithoutResult(status -> jdbc.sql("DELETE FROM messaging.outbox WHERE message_id IN (:ids)")
				.param("ids", messageIds)
				.update());
	}

	List<UUID> inbox(Collection<UUID> messageIds) {
		return notifications.execute(status -> jdbc.sql("""
				SELECT message_id FROM notifications.inbox WHERE message_id IN (:ids)""")
				.param("ids", messageIds)
				.query(UUID.class)
				.list());
	}
}
