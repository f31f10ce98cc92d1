package dev.ficus.inventory;

import java.util.List;

/**
 * Reply to {@link ReserveInventory}: the stock is held, at these unit prices.
 */
public record InventoryReserved(String orderId, List<ReservedLine> lines, long totalCents) {

	public record ReservedLine(String sku, int quantity, long unitPriceCents) {
	}
}
