package dev.ficus.inventory.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.inventory.Inventory;
import dev.ficus.inventory.Item;

@RestController
@RequestMapping("/inventory/items")
class InventoryController {

	private final Inventory inventory;

	InventoryController(Inventory inventory) {
		this.inventory = inventory;
	}

	@GetMapping
	Catalog catalog() {
		return new Catalog(inventory.catalog());
	}

	@GetMapping("/{sku}")
	Item item(@PathVariable String sku) {
		return inventory.find(sku)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No item with SKU " + sku));
	}

	record Catalog(List<Item> items) {
	}
}
