package dev.ficus.inventory.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ficus.inventory.Item;
import dev.ficus.inventory.StockCount;

/**
 * The {@code inventory.item} table. Callers run inside an {@code inventoryTransactions} transaction, the
 * only one whose database role may read it.
 */
@Repository
public class Items {

	private static final String COLUMNS = "sku, name, price_cents, on_hand, reserved, shipped";

	private final JdbcClient jdbc;

	Items(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Item> findBySku(String sku) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM inventory.item WHERE sku = ?")
				.param(sku)
				.query(Item.class)
				.optional();
	}

	public List<Item> findAll() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM inventory.item ORDER BY sku")
				.query(Item.class)
				.list();
	}

	public List<StockCount> stockCounts() {
		return jdbc.sql("SELECT sku, stocked, on_hand, reserved, shipped FROM inventory.item ORDER BY sku")
				.query(StockCount.class)
				.list();
	}

	public Item upsert(String sku, String name, long priceCents, int addedStock) {
		return jdbc.sql("""
				INSERT INTO inventory.item (sku, name, price_cents, on_hand, stocked)
				VALUES (:sku, :name, :price, :stock, :stock)
				ON CONFLICT (sku) DO UPDATE
				  SET name = excluded.name, price_cents = excluded.price_cents,
				      on_hand = item.on_hand + excluded.on_hand, stocked = item.stocked + excluded.stocked,
				      version = item.version + 1
				RETURNING""" + " " + COLUMNS)
				.param("sku", sku)
				.param("name", name)
				.param("price", priceCents)
				.param("stock", addedStock)
				.query(Item.class)
				.single();
	}

	/** Locks the items with these SKUs, always in SKU order, so that concurrent orders never deadlock. */
	Map<String, Item> lockAll(Collection<String> skus) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM inventory.item WHERE sku = ANY(?) ORDER BY sku FOR UPDATE")
				.param(skus.toArray(String[]::new))
				.query(Item.class)
				.stream()
				.collect(Collectors.toMap(Item::sku, item -> item));
	}

	/** Moves units between the shelf, the reserved and the shipped count; their total stays the same. */
	void move(String sku, int onHandDelta, int reservedDelta, int shippedDelta) {
		jdbc.sql("""
				UPDATE inventory.item
				SET on_hand = on_hand + ?, reserved = reserved + ?, shipped = shipped + ?, version = version + 1
				WHERE sku = ?""")
				.params(onHandDelta, reservedDelta, shippedDelta, sku)
				.update();
	}
}
