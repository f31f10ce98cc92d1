package dev.ficus.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.notifications.internal.NotificationCommands;
import dev.ficus.support.RecordingOutbox;
import dev.ficus.support.RowCounts;
import dev.ficus.support.SagaTest;

@SagaTest
class NotificationCommandsTest {

	@Autowired
	NotificationCommands commands;

	@Autowired
	RecordingOutbox outbox;

	@Autowired
	ApplicationContext context;

	@Test
	void confirmsAnOrderOnceHoweverOftenAsked() {

		String orderId = UUID.randomUUID().toString();
		long before = RowCounts.of(context, "notifications", "order_confirmation");

		for (int time = 0; time < 3; time++) {
			commands.on(new SendOrderConfirmation(orderId, "c-1", 1_000), new IncomingMessage(UUID.randomUUID(),
					"SendOrderConfirmation", "notifications-commands", orderId, "orders-replies", Instant.now()));
		}

		assertThat(RowCounts.of(context, "notifications", "order_confirmation")).isEqualTo(before + 1);
		assertThat(outbox.sentAbout(orderId, OrderConfirmationSent.class)).hasSize(3).containsOnly(
				outbox.sentAbout(orderId, OrderConfirmationSent.class).getFirst());
	}
}
