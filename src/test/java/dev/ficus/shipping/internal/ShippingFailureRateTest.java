package dev.ficus.shipping.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.shipping.ScheduleShipment;
import dev.ficus.shipping.ShipmentScheduled;
import dev.ficus.shipping.ShipmentSchedulingFailed;
import dev.ficus.support.RecordingOutbox;
import dev.ficus.support.SagaTest;

@SagaTest
class ShippingFailureRateTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordingOutbox outbox;

	@Autowired
	@Qualifier("shippingTransactions")
	PlatformTransactionManager shippingTransactions;

	@Autowired
	ShippingProperties configured;

	@Test
	void refusesNoShipmentByDefault() {
		assertThat(configured.failureRate()).isZero();
	}

	@Test
	void refusesEveryShipmentAtFailureRateOneAndNoneAtZero() {

		String refused = schedule(new ShippingCommands(jdbc, outbox, new ShippingProperties(1.0)));
		String booked = schedule(new ShippingCommands(jdbc, outbox, new ShippingProperties(0.0)));

		assertThat(outbox.sentAbout(refused, ShipmentSchedulingFailed.class)).hasSize(1);
		assertThat(outbox.sentAbout(booked, ShipmentScheduled.class)).hasSize(1);
	}

	private String schedule(ShippingCommands commands) {

		String orderId = UUID.randomUUID().toString();
		new TransactionTemplate(shippingTransactions).executeWithoutResult(status -> commands.on(
				new ScheduleShipment(orderId, "c-1", List.of(new ScheduleShipment.Parcel("A", 1))),
				new IncomingMessage(UUID.randomUUID(), "ScheduleShipment", "shipping-commands", orderId,
						"orders-replies", Instant.now())));
		return orderId;
	}
}
