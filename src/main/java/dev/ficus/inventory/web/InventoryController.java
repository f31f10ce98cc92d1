package dev.ficus.inventory.web;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.inventory.Inventory;
import dev.ficus.inventory.Item;
import dev.ficus.inventory.StockCount;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/inventory")
class InventoryController {

	/** The same rule as for order lines, so any SKU in the catalog can be ordered. */
	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final Inventory inventory;

	InventoryController(Inventory inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/items")
	Catalog catalog() {
		return new Catalog(inventory.catalog());
	}

	@GetMapping("/items/{sku}")
	Item item(@PathVariable String sku) {
		return inventory.find(sku)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No item with SKU " + sku));
	}

	/** Creates or updates the item and adds stock; not idempotent by itself (see {@link Inventory#stock}). */
	@PutMapping("/items/{sku}")
	Item stock(@PathVariable String sku, @Validated @RequestBody Stocking stocking) {

		if (!SKU.matcher(sku).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"A SKU has 1 to 64 letters, digits, dots, dashes or underscores; got '" + sku + "'");
		}

		return inventory.stock(sku, stocking.name().strip(), stocking.priceCents(), stocking.addStock());
	}

	/**
	 * The stock invariants the traffic driver checks: every item's stock conserved, and, once every order
	 * is settled, nothing left reserved.
	 */
	@GetMapping("/stock-check")
	StockCheck stockCheck() {

		List<StockCount> counts = inventory.stockCounts();

		return new StockCheck(counts.stream().allMatch(StockCount::conserved),
				counts.stream().mapToLong(StockCount::reserved).sum(), counts);
	}

	record Catalog(List<Item> items) {
	}

	record Stocking(@NotBlank @Size(max = 200) String name, @NotNull @Min(0) @Max(100_000_000) Long priceCents,
			@NotNull @Min(0) @Max(1_000_000) Integer addStock) {
	}

	record StockCheck(boolean conserved, long reserved, List<StockCount> items) {
	}
}
