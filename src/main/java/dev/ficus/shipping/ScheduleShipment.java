package dev.ficus.shipping;

import java.util.List;

/**
 * Command on {@code shipping-commands}: book a shipment for a paid order. Replies
 * {@link ShipmentScheduled} or {@link ShipmentSchedulingFailed}.
 */
public record ScheduleShipment(String orderId, String customerId, List<Parcel> parcels) {

	public record Parcel(String sku, int quantity) {
	}
}
