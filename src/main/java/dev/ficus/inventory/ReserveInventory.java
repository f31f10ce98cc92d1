package dev.ficus.inventory;

import java.util.List;

/**
 * Command on {@code inventory-commands}: hold stock for every line of an order, all or nothing.
 * Replies {@link InventoryReserved} or {@link InventoryReservationFailed}. Repeating it for the same
 * order has no further effect and repeats the first reply.
 */
public record ReserveInventory(String orderId, List<Line> lines) {

	public record Line(String sku, int quantity) {
	}
}
