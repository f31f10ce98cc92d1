package dev.ficus.shipping;

/** Compensation on {@code shipping-commands}. Replies {@link ShipmentCancelled}, also if none was booked. */
public record CancelShipment(String orderId) {
}
