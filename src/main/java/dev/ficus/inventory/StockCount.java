package dev.ficus.inventory;

/**
 * One item's stock against everything ever stocked for it: conserved when the three counts add up to
 * {@code stocked} (PostgreSQL refuses any write that breaks it).
 */
public record StockCount(String sku, int stocked, int onHand, int reserved, int shipped) {

	public boolean conserved() {
		return onHand + reserved + shipped == stocked;
	}
}
