package dev.ficus.shipping;

/** Reply to {@link ScheduleShipment}. */
public record ShipmentScheduled(String orderId, String shipmentId) {
}
