package dev.ficus.inventory;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.inventory.internal.Items;

/**
 * The inventory module's API: the catalog and the stock of each item.
 */
@Service
public class Inventory {

	private final Items items;

	Inventory(Items items) {
		this.items = items;
	}

	@Transactional(value = "inventoryTransactions", readOnly = true)
	public Optional<Item> find(String sku) {
		return items.findBySku(sku);
	}

	@Transactional(value = "inventoryTransactions", readOnly = true)
	public List<Item> catalog() {
		return items.findAll();
	}

	/** Every item's stock against what was ever stocked for it: the conservation invariant, item by item. */
	@Transactional(value = "inventoryTransactions", readOnly = true)
	public List<StockCount> stockCounts() {
		return items.stockCounts();
	}

	/**
	 * Creates the item or, if it exists, sets its name and price and adds {@code addedStock} to what is on
	 * hand. Repeating the same call adds the stock again, so HTTP callers protect it with an idempotency
	 * key.
	 */
	@Transactional("inventoryTransactions")
	public Item stock(String sku, String name, long priceCents, int addedStock) {
		return items.upsert(sku, name, priceCents, addedStock);
	}
}
