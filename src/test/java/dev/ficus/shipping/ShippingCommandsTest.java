package dev.ficus.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.shipping.internal.ShippingCommands;
import dev.ficus.support.RecordingOutbox;
import dev.ficus.support.SagaTest;

@SagaTest
class ShippingCommandsTest {

	@Autowired
	ShippingCommands commands;

	@Autowired
	RecordingOutbox outbox;

	@Test
	void booksOneShipmentHoweverOftenAsked() {

		String orderId = UUID.randomUUID().toString();
		var command = new ScheduleShipment(orderId, "c-1", List.of(new ScheduleShipment.Parcel("A", 1)));

		commands.on(command, message(orderId));
		commands.on(command, message(orderId));

		var scheduled = outbox.sentAbout(orderId, ShipmentScheduled.class);
		assertThat(scheduled).hasSize(2);
		assertThat(scheduled.get(1)).isEqualTo(scheduled.get(0));
	}

	@Test
	void cancelsABookedShipmentAndRepeatsTheFirstReplyAfterwards() {

		String orderId = UUID.randomUUID().toString();
		var command = new ScheduleShipment(orderId, "c-1", List.of(new ScheduleShipment.Parcel("A", 1)));
		commands.on(command, message(orderId));

		commands.on(new CancelShipment(orderId), message(orderId));
		commands.on(command, message(orderId));

		assertThat(outbox.sentAbout(orderId, ShipmentCancelled.class)).hasSize(1);
		assertThat(outbox.sentAbout(orderId, ShipmentScheduled.class)).hasSize(2);
	}

	@Test
	void refusesABookingThatArrivesAfterItsCancellation() {

		String orderId = UUID.randomUUID().toString();

		commands.on(new CancelShipment(orderId), message(orderId));
		commands.on(new ScheduleShipment(orderId, "c-1", List.of()), message(orderId));

		assertThat(outbox.sentAbout(orderId, ShipmentCancelled.class)).hasSize(1);
		assertThat(outbox.sentAbout(orderId, ShipmentSchedulingFailed.class)).singleElement()
				.satisfies(failure -> assertThat(failure.reason()).isEqualTo("Cancelled before it was scheduled"));
	}

	private static IncomingMessage message(String orderId) {
		return new IncomingMessage(UUID.randomUUID(), "command", "shipping-commands", orderId, "orders-replies",
				Instant.now());
	}
}
