package dev.ficus.inventory.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ficus.inventory.Item;

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

	public Item upsert(String sku, String name, long priceCents, int addedStock) {
		return jdbc.sql("""
				INSERT INTO inventory.item (sku, name, price_cents, on_hand) VALUES (:sku, :name, :price, :stock)
				ON CONFLICT (sku) DO UPDATE
				  SET name = excluded.name, price_cents = excluded.price_cents,
				      on_hand = item.on_hand + excluded.on_hand, version = item.version + 1
				RETURNING""" + " " + COLUMNS)
				.param("sku", sku)
				.param("name", name)
				.param("price", priceCents)
				.param("stock", addedStock)
				.query(Item.class)
				.single();
	}
}
