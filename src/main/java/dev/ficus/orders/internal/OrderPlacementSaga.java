package dev.ficus.orders.internal;

import java.util.List;

import dev.ficus.inventory.CommitReservation;
import dev.ficus.inventory.InventoryReleased;
import dev.ficus.inventory.InventoryReservationFailed;
import dev.ficus.inventory.InventoryReserved;
import dev.ficus.inventory.ReleaseInventory;
import dev.ficus.inventory.ReservationCommitted;
import dev.ficus.inventory.ReserveInventory;
import dev.ficus.notifications.OrderConfirmationSent;
import dev.ficus.notifications.SendOrderConfirmation;
import dev.ficus.orders.internal.SagaDefinition.Compensation;
import dev.ficus.orders.internal.SagaDefinition.Completion;
import dev.ficus.orders.internal.SagaDefinition.Step;
import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundFailed;
import dev.ficus.payments.RefundPayment;
import dev.ficus.shipping.CancelShipment;
import dev.ficus.shipping.ScheduleShipment;
import dev.ficus.shipping.ShipmentCancelled;
import dev.ficus.shipping.ShipmentScheduled;
import dev.ficus.shipping.ShipmentSchedulingFailed;

/**
 * The order placement saga, declared in one place: reserve inventory, charge payment, schedule
 * shipment, send the confirmation, then commit the reservation. Each participant is reached only by its
 * command channel, so it may run in this process or in another service.
 */
final class OrderPlacementSaga {

	static final String REPLY_CHANNEL = "orders-replies";

	static final String RESERVE_INVENTORY = "reserve-inventory";

	static final String CHARGE_PAYMENT = "charge-payment";

	static final String SCHEDULE_SHIPMENT = "schedule-shipment";

	static final String SEND_CONFIRMATION = "send-confirmation";

	static final SagaDefinition DEFINITION = new SagaDefinition("order-placement", List.of(

			new Step(RESERVE_INVENTORY, "inventory-commands",
					order -> new ReserveInventory(order.orderId().toString(), order.lines()
							.stream()
							.map(line -> new ReserveInventory.Line(line.sku(), line.quantity()))
							.toList()),
					InventoryReserved.class, InventoryReservationFailed.class,
					new Compensation(order -> new ReleaseInventory(order.orderId().toString()),
							InventoryReleased.class, null)),

			new Step(CHARGE_PAYMENT, "payments-commands",
					order -> new ChargePayment(order.orderId().toString(), order.customerId().toString(),
							order.total()),
					PaymentCharged.class, PaymentFailed.class,
					// Without a charge id the charge's outcome is unknown (its reply never came): payments
					// refunds whatever it charged for the order, if anything.
					new Compensation(order -> new RefundPayment(order.orderId().toString(),
							order.chargeId() == null ? "" : order.chargeId(), order.total()),
							PaymentRefunded.class, RefundFailed.class)),

			new Step(SCHEDULE_SHIPMENT, "shipping-commands",
					order -> new ScheduleShipment(order.orderId().toString(), order.customerId().toString(),
							order.lines()
									.stream()
									.map(line -> new ScheduleShipment.Parcel(line.sku(), line.quantity()))
									.toList()),
					ShipmentScheduled.class, ShipmentSchedulingFailed.class,
					new Compensation(order -> new CancelShipment(order.orderId().toString()),
							ShipmentCancelled.class, null)),

			new Step(SEND_CONFIRMATION, "notifications-commands",
					order -> new SendOrderConfirmation(order.orderId().toString(), order.customerId().toString(),
							order.total()),
					OrderConfirmationSent.class, null, null)),

			new Completion("inventory-commands", order -> new CommitReservation(order.orderId().toString()),
					ReservationCommitted.class));

	private OrderPlacementSaga() {
	}

	/** Why a participant refused, from its failure reply. */
	static String reasonOf(Object failure) {
		return switch (failure) {
			case InventoryReservationFailed refusal -> refusal.reason();
			case PaymentFailed refusal -> refusal.reason();
			case RefundFailed refusal -> refusal.reason();
			case ShipmentSchedulingFailed refusal -> refusal.reason();
			default -> failure.getClass().getSimpleName();
		};
	}
}
