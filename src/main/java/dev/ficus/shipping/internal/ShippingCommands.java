package dev.ficus.shipping.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.messaging.Outbox;
import dev.ficus.shipping.CancelShipment;
import dev.ficus.shipping.ScheduleShipment;
import dev.ficus.shipping.ShipmentCancelled;
import dev.ficus.shipping.ShipmentScheduled;
import dev.ficus.shipping.ShipmentSchedulingFailed;

/**
 * Handles the commands on {@code shipping-commands}. The shipment row of an order records what
 * happened, so a repeated command repeats its reply and never books a second shipment.
 */
@Component
@EnableConfigurationProperties(ShippingProperties.class)
public class ShippingCommands {

	private static final Logger log = LoggerFactory.getLogger(ShippingCommands.class);

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final ShippingProperties properties;

	ShippingCommands(JdbcClient jdbc, Outbox outbox, ShippingProperties properties) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.properties = properties;
	}

	@MessageHandler(channel = "shipping-commands")
	@Transactional("shippingTransactions")
	public void on(ScheduleShipment command, IncomingMessage message) {

		String orderId = command.orderId();
		var earlier = lock(orderId);
		if (earlier != null) {
			log.info("Order {} asked again to ship (message {}); repeating the outcome", orderId,
					message.messageId());
			reply(message, orderId, outcomeOf(orderId, earlier));
			return;
		}

		UUID shipmentId = UUID.randomUUID();
		if (ThreadLocalRandom.current().nextDouble() < properties.failureRate()) {
			String reason = "The carrier has no capacity for this shipment";
			insert(shipmentId, command, "FAILED", reason);
			log.info("Order {} gets no shipment: {}", orderId, reason);
			reply(message, orderId, new ShipmentSchedulingFailed(orderId, reason));
			return;
		}

		insert(shipmentId, command, "SCHEDULED", null);
		log.info("Order {} ships as shipment {} with {} parcel(s)", orderId, shipmentId, command.parcels().size());
		reply(message, orderId, new ShipmentScheduled(orderId, shipmentId.toString()));
	}

	@MessageHandler(channel = "shipping-commands")
	@Transactional("shippingTransactions")
	public void on(CancelShipment command, IncomingMessage message) {

		String orderId = command.orderId();
		var shipment = lock(orderId);

		if (shipment == null) {
			// A cancellation can overtake a booking whose reply timed out; this marker makes that late
			// booking fail instead of shipping an order that was rolled back.
			jdbc.sql("""
					INSERT INTO shipping.shipment (id, order_id, customer_id, status, reason, parcels)
					VALUES (?, ?, '', 'CANCELLED', 'Cancelled before it was scheduled', 0)""")
					.params(UUID.randomUUID(), orderId)
					.update();
			log.info("Order {} cancelled its shipment before booking one; later bookings will fail", orderId);
		}
		else if (shipment.status().equals("SCHEDULED")) {
			jdbc.sql("UPDATE shipping.shipment SET status = 'CANCELLED', updated_at = now() WHERE order_id = ?")
					.param(orderId)
					.update();
			log.info("Order {} cancelled shipment {}", orderId, shipment.id());
		}

		reply(message, orderId, new ShipmentCancelled(orderId));
	}

	private @Nullable Shipment lock(String orderId) {
		return jdbc.sql("SELECT id, status, reason FROM shipping.shipment WHERE order_id = ? FOR UPDATE")
				.param(orderId)
				.query(Shipment.class)
				.optional()
				.orElse(null);
	}

	private void insert(UUID id, ScheduleShipment command, String status, @Nullable String reason) {
		jdbc.sql("""
				INSERT INTO shipping.shipment (id, order_id, customer_id, status, reason, parcels)
				VALUES (?, ?, ?, ?, ?, ?)""")
				.params(id, command.orderId(), command.customerId(), status, reason, command.parcels().size())
				.update();
	}

	private static Object outcomeOf(String orderId, Shipment shipment) {

		// A shipment cancelled after booking was scheduled once: that is the first reply, repeated.
		boolean wasScheduled = shipment.status().equals("SCHEDULED")
				|| (shipment.status().equals("CANCELLED") && shipment.reason() == null);

		return wasScheduled
				? new ShipmentScheduled(orderId, shipment.id().toString())
				: new ShipmentSchedulingFailed(orderId, String.valueOf(shipment.reason()));
	}

	private void reply(IncomingMessage message, String orderId, Object reply) {

		if (message.replyTo() == null) {
			log.warn("Message {} about order {} names no reply channel; {} is not sent", message.messageId(),
					orderId, reply.getClass().getSimpleName());
			return;
		}
		outbox.send(message.replyTo(), orderId, reply, null);
	}

	record Shipment(UUID id, String status, @Nullable String reason) {
	}
}
