package dev.ficus.stack.traffic;

/** Where one SKU's stock is, as {@code GET /inventory/items} reports it. */
public record StockLevel(int onHand, int reserved, int shipped) {

	public static final StockLevel NONE = new StockLevel(0, 0, 0);

	public int total() {
		return onHand + reserved + shipped;
	}
}
