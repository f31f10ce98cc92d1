package dev.ficus.inventory;

/** Reply to {@link ReleaseInventory}. */
public record InventoryReleased(String orderId) {
}
