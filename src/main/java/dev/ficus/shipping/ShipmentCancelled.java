package dev.ficus.shipping;

/** Reply to {@link CancelShipment}. */
public record ShipmentCancelled(String orderId) {
}
