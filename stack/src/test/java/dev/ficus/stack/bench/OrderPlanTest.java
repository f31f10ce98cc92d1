package dev.ficus.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ficus.stack.traffic.CatalogItem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderPlanTest {

	private static final List<CatalogItem> CATALOG = List.of(new CatalogItem("FICUS-0001", "Fig", 500, 100),
			new CatalogItem("FICUS-0002", "Pot", 700, 2), new CatalogItem("FICUS-0003", "Trowel", 900, 80));

	@Test
	void sendsTheSameOrdersForTheSameSeedAndOthersForAnother() {

		List<String> customers = List.of("c-1", "c-2");

		assertThat(OrderPlan.bodies(50, CATALOG, customers, 7)).isEqualTo(OrderPlan.bodies(50, CATALOG, customers, 7))
				.hasSize(50)
				.isNotEqualTo(OrderPlan.bodies(50, CATALOG, customers, 8));
	}

	@Test
	void ordersOnlyWellStockedSkusEachOnceWithOneToThreeUnits() {

		var json = JsonMapper.builder().build();
		for (String body : OrderPlan.bodies(200, CATALOG, List.of("c-1"), 3)) {
			JsonNode order = json.readTree(body);
			var skus = new HashSet<String>();
			for (JsonNode line : order.path("lines")) {
				assertThat(line.path("sku").asString()).isIn("FICUS-0001", "FICUS-0003");
				assertThat(line.path("quantity").asInt()).isBetween(1, 3);
				assertThat(skus.add(line.path("sku").asString())).as("SKU once per order").isTrue();
			}
			assertThat(skus).isNotEmpty();
			assertThat(order.path("customerId").asString()).isEqualTo("c-1");
		}
	}
}
