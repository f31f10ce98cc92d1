package dev.ficus.stack.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.ficus.stack.traffic.CatalogItem;
import dev.ficus.stack.traffic.OrderLine;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order bodies a phase sends, made up front from a seed: both variants of a measured phase send the
 * very same orders (one to three distinct SKUs, one to three units each), so neither gets easier work.
 * Only well-stocked SKUs are used, so the orders complete instead of running out of stock.
 */
final class OrderPlan {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OrderPlan() {
	}

	static List<String> bodies(int count, List<CatalogItem> catalog, List<String> customers, long seed) {

		List<CatalogItem> stocked = catalog.stream().filter(item -> !item.isScarce()).toList();
		if (stocked.isEmpty() || customers.isEmpty()) {
			throw new IllegalArgumentException("Orders need at least one well-stocked SKU and one customer");
		}
		var random = new Random(seed);
		var bodies = new ArrayList<String>(count);
		for (int index = 0; index < count; index++) {
			var lines = new LinkedHashMap<String, OrderLine>();
			int wanted = Math.min(1 + random.nextInt(3), stocked.size());
			while (lines.size() < wanted) {
				CatalogItem item = stocked.get(random.nextInt(stocked.size()));
				lines.putIfAbsent(item.sku(), new OrderLine(item.sku(), 1 + random.nextInt(3)));
			}
			String customer = customers.get(random.nextInt(customers.size()));
			bodies.add(JSON.writeValueAsString(Map.of("customerId", customer, "lines", List.copyOf(lines.values()))));
		}
		return bodies;
	}
}
