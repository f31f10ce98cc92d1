package dev.ficus.orders.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.ficus.inventory.InventoryReleased;
import dev.ficus.inventory.InventoryReservationFailed;
import dev.ficus.inventory.InventoryReserved;
import dev.ficus.inventory.ReservationCommitted;
import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.notifications.OrderConfirmationSent;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundFailed;
import dev.ficus.shipping.ShipmentCancelled;
import dev.ficus.shipping.ShipmentScheduled;
import dev.ficus.shipping.ShipmentSchedulingFailed;

/**
 * The participants' replies on {@code orders-replies}, each handed to the {@link SagaCoordinator}. One
 * method per reply type, because the messaging module picks the handler by the payload's type.
 */
@Component
public class OrderReplies {

	private final SagaCoordinator coordinator;

	OrderReplies(SagaCoordinator coordinator) {
		this.coordinator = coordinator;
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(InventoryReserved reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(InventoryReservationFailed reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(InventoryReleased reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(ReservationCommitted reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(PaymentCharged reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(PaymentFailed reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(PaymentRefunded reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(RefundFailed reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(ShipmentScheduled reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(ShipmentSchedulingFailed reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(ShipmentCancelled reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}

	@MessageHandler(channel = OrderPlacementSaga.REPLY_CHANNEL)
	public void on(OrderConfirmationSent reply, IncomingMessage message) {
		coordinator.onReply(reply.orderId(), reply, message, Instant.now());
	}
}
