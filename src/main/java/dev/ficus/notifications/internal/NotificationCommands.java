package dev.ficus.notifications.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.messaging.Outbox;
import dev.ficus.notifications.OrderConfirmationSent;
import dev.ficus.notifications.SendOrderConfirmation;

/**
 * Handles {@code notifications-commands}: records one confirmation per order and logs it (the stand-in
 * for an e-mail); a repeated command finds the record and repeats its reply.
 */
@Component
public class NotificationCommands {

	private static final Logger log = LoggerFactory.getLogger(NotificationCommands.class);

	private final JdbcClient jdbc;

	private final Outbox outbox;

	NotificationCommands(JdbcClient jdbc, Outbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	@MessageHandler(channel = "notifications-commands")
	@Transactional("notificationsTransactions")
	public void on(SendOrderConfirmation command, IncomingMessage message) {

		String orderId = command.orderId();
		var recorded = jdbc.sql("""
				INSERT INTO notifications.order_confirmation (id, order_id, customer_id, total_cents)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (order_id) DO NOTHING
				RETURNING id""")
				.params(UUID.randomUUID(), orderId, command.customerId(), command.totalCents())
				.query(UUID.class)
				.optional();

		UUID notificationId;
		if (recorded.isPresent()) {
			notificationId = recorded.get();
			log.info("Order {} confirmed to customer {} for {} cents (notification {})", orderId,
					command.customerId(), command.totalCents(), notificationId);
		}
		else {
			notificationId = jdbc.sql("SELECT id FROM notifications.order_confirmation WHERE order_id = ?")
					.param(orderId)
					.query(UUID.class)
					.single();
			log.info("Order {} was already confirmed (notification {}); not sending again", orderId,
					notificationId);
		}

		if (message.replyTo() == null) {
			log.warn("Message {} about order {} names no reply channel; no reply is sent", message.messageId(),
					orderId);
			return;
		}
		outbox.send(message.replyTo(), orderId, new OrderConfirmationSent(orderId, notificationId.toString()),
				null);
	}
}
