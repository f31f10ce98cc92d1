package dev.ficus.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.ficus.support.RowCounts;
import dev.ficus.support.SagaTest;

@SagaTest
class InventoryApiTest {

	@Autowired
	MockMvc http;

	@Autowired
	Inventory inventory;

	@Autowired
	ApplicationContext context;

	@Test
	void stocksAnItemAndAddsToItsStock() throws Exception {

		String sku = "PUT-" + UUID.randomUUID();

		stock(sku, "{\"name\": \"Lamp\", \"priceCents\": 1500, \"addStock\": 10}")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.sku").value(sku))
				.andExpect(jsonPath("$.onHand").value(10));
		stock(sku, "{\"name\": \"Desk lamp\", \"priceCents\": 1700, \"addStock\": 5}")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.name").value("Desk lamp"))
				.andExpect(jsonPath("$.priceCents").value(1700))
				.andExpect(jsonPath("$.onHand").value(15))
				.andExpect(jsonPath("$.reserved").value(0))
				.andExpect(jsonPath("$.shipped").value(0));

		http.perform(get("/inventory/items/" + sku)).andExpect(jsonPath("$.onHand").value(15));
		http.perform(get("/inventory/stock-check"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.conserved").value(true))
				.andExpect(jsonPath("$.items[?(@.sku == '%s')].stocked".formatted(sku)).value(15));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{}",
			"{\"name\": \"Lamp\", \"priceCents\": 100}",
			"{\"name\": \"Lamp\", \"addStock\": 1}",
			"{\"name\": \" \", \"priceCents\": 100, \"addStock\": 1}",
			"{\"name\": \"Lamp\", \"priceCents\": -1, \"addStock\": 1}",
			"{\"name\": \"Lamp\", \"priceCents\": 100, \"addStock\": -1}",
			"{\"name\": \"Lamp\", \"priceCents\": 100, \"addStock\": 1000001}",
			"{\"name\": \"Lamp\", \"priceCents\": \"cheap\", \"addStock\": 1}",
			"{\"name\": \"Lamp\", \"priceCents\": 100, \"addStock\": 1"
	})
	void refusesAnInvalidStockingWith400AndChangesNothing(String body) throws Exception {

		String sku = "BAD-" + UUID.randomUUID();
		long before = RowCounts.of(context, "inventory", "item");

		stock(sku, body)
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		assertThat(RowCounts.of(context, "inventory", "item")).isEqualTo(before);
		assertThat(inventory.find(sku)).isEmpty();
	}

	@Test
	void refusesASkuOutsideTheCatalogRules() throws Exception {

		long before = RowCounts.of(context, "inventory", "item");

		stock("x".repeat(65), "{\"name\": \"Lamp\", \"priceCents\": 100, \"addStock\": 1}")
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		stock("a b", "{\"name\": \"Lamp\", \"priceCents\": 100, \"addStock\": 1}")
				.andExpect(status().isBadRequest());

		assertThat(RowCounts.of(context, "inventory", "item")).isEqualTo(before);
	}

	@Test
	void answersNotFoundForAnUnknownItem() throws Exception {

		http.perform(get("/inventory/items/NONE-" + UUID.randomUUID()))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private org.springframework.test.web.servlet.ResultActions stock(String sku, String body) throws Exception {
		return http.perform(put("/inventory/items/{sku}", sku).contentType(MediaType.APPLICATION_JSON).content(body));
	}
}
