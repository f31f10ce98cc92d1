package dev.ficus.inventory;

/**
 * One stock-keeping unit and where its stock is: on the shelf, held for orders in progress, or gone out
 * in shipments. The sum of the three only changes when the item is restocked.
 */
public record Item(String sku, String name, long priceCents, int onHand, int reserved, int shipped) {

	public int totalStock() {
		return onHand + reserved + shipped;
	}
}
