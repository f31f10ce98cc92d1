package dev.ficus.inventory;

/**
 * Reply to {@link ReserveInventory}: nothing was held, for the given reason (unknown SKU, out of stock).
 */
public record InventoryReservationFailed(String orderId, String reason) {
}
