package dev.ficus.shipping;

/** Reply to {@link ScheduleShipment}: no shipment was booked. */
public record ShipmentSchedulingFailed(String orderId, String reason) {
}
