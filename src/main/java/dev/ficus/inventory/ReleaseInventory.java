package dev.ficus.inventory;

/**
 * Compensation on {@code inventory-commands}: return an order's reserved stock to the shelf. Replies
 * {@link InventoryReleased}, also when nothing was reserved, so the saga can always move on.
 */
public record ReleaseInventory(String orderId) {
}
