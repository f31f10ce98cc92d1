package dev.ficus.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.ficus.customers.Customers;
import dev.ficus.inventory.Inventory;
import dev.ficus.support.InProcessDelivery;
import dev.ficus.support.RowCounts;
import dev.ficus.support.SagaTest;

@SagaTest
class OrderApiTest {

	@Autowired
	MockMvc http;

	@Autowired
	Customers customers;

	@Autowired
	Inventory inventory;

	@Autowired
	InProcessDelivery delivery;

	@Autowired
	ApplicationContext context;

	@Test
	void acceptsAnOrderAndShowsItsSagaInOneRead() throws Exception {

		String customer = customers.register("Grace Hopper", "grace@example.com").id().toString();
		String sku = "API-" + UUID.randomUUID();
		inventory.stock(sku, "Compiler", 1_999, 4);

		String location = placeOrder("""
				{"customerId": "%s", "lines": [{"sku": "%s", "quantity": 2}]}""".formatted(customer, sku))
				.andExpect(status().isAccepted())
				.andExpect(header().string("Location", startsWith("/orders/")))
				.andExpect(jsonPath("$.status").value("PENDING"))
				.andReturn()
				.getResponse()
				.getHeader("Location");

		http.perform(get(location))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("PENDING"))
				.andExpect(jsonPath("$.customerId").value(customer))
				.andExpect(jsonPath("$.saga.state").value("RUNNING"))
				.andExpect(jsonPath("$.saga.steps[0].name").value("reserve-inventory"))
				.andExpect(jsonPath("$.saga.steps[0].status").value("RUNNING"))
				.andExpect(jsonPath("$.saga.steps[1].status").value("PENDING"))
				.andExpect(jsonPath("$.saga.steps[1].compensation").isEmpty());

		delivery.deliverAll();

		http.perform(get(location))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("COMPLETED"))
				.andExpect(jsonPath("$.totalCents").value(3_998))
				.andExpect(jsonPath("$.lines[0].priceCents").value(1_999))
				.andExpect(jsonPath("$.saga.state").value("COMPLETED"))
				.andExpect(jsonPath("$.saga.steps", hasSize(4)))
				.andExpect(jsonPath("$.saga.steps[3].name").value("send-confirmation"))
				.andExpect(jsonPath("$.saga.steps[3].attempts").value(1))
				.andExpect(jsonPath("$.rejectionReason").doesNotExist());
		http.perform(get("/orders").param("customerId", customer))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.orders", hasSize(1)))
				.andExpect(jsonPath("$.orders[0].status").value("COMPLETED"));
		http.perform(get("/orders/stats"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.orders.COMPLETED").isNumber())
				.andExpect(jsonPath("$.sagas.COMPENSATED").isNumber());
	}

	@Test
	void refusesAnOrderOfAnUnknownCustomerWith422AndRecordsNothing() throws Exception {

		long before = orderRows();

		placeOrder("""
				{"customerId": "%s", "lines": [{"sku": "ANY", "quantity": 1}]}""".formatted(UUID.randomUUID()))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", startsWith("No customer with id")))
				.andExpect(jsonPath("$.type", endsWith("/reference-not-found")))
				.andExpect(jsonPath("$.requestId").isNotEmpty());

		assertThat(orderRows()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"customerId\": \"%s\", \"lines\": []}",
			"{\"customerId\": \"%s\"}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": 0}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1001}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": -3}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\"}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"quantity\": 1}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"has space\", \"quantity\": 1}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}, "
					+ "{\"sku\": \"A\", \"quantity\": 2}]}",
			"{\"customerId\": \"%s\", \"lines\": [null]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": \"many\"}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": 99999999999}]}",
			"{\"customerId\": \"not-a-uuid\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}",
			"{\"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}",
			"{\"customerId\": \"%s\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}",
			"[\"%s\"]"
	})
	void refusesAMalformedOrderWith400AndRecordsNothing(String body) throws Exception {

		String customer = customers.register("Alan Turing", "alan@example.com").id().toString();
		long before = orderRows();

		placeOrder(body.formatted(customer))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		assertThat(orderRows()).isEqualTo(before);
	}

	@Test
	void refusesAnOrderOfMoreThan100LinesWith400() throws Exception {

		String customer = customers.register("Alan Turing", "alan@example.com").id().toString();
		String lines = IntStream.rangeClosed(1, 101)
				.mapToObj(line -> "{\"sku\": \"S%d\", \"quantity\": 1}".formatted(line))
				.collect(Collectors.joining(","));
		long before = orderRows();

		placeOrder("{\"customerId\": \"%s\", \"lines\": [%s]}".formatted(customer, lines))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		assertThat(orderRows()).isEqualTo(before);
	}

	@Test
	void acceptsAnOrderForAnUnknownSkuAndLetsTheSagaRejectIt() throws Exception {

		String customer = customers.register("Alan Turing", "alan@example.com").id().toString();

		String location = placeOrder("""
				{"customerId": "%s", "lines": [{"sku": "NOPE-%s", "quantity": 1}]}""".formatted(customer,
				UUID.randomUUID()))
				.andExpect(status().isAccepted())
				.andReturn()
				.getResponse()
				.getHeader("Location");
		delivery.deliverAll();

		http.perform(get(location))
				.andExpect(jsonPath("$.status").value("REJECTED"))
				.andExpect(jsonPath("$.rejectionReason", startsWith("reserve-inventory failed: Unknown SKU")))
				.andExpect(jsonPath("$.saga.state").value("COMPENSATED"));
	}

	@Test
	void answersProblemsForOrdersThatCannotBeFound() throws Exception {

		http.perform(get("/orders/" + UUID.randomUUID()))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		http.perform(get("/orders/not-a-uuid"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		http.perform(get("/orders").param("customerId", "not-a-uuid"))
				.andExpect(status().isBadRequest());
		http.perform(get("/orders").param("limit", "0"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions placeOrder(String body) throws Exception {
		return http.perform(post("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.content(body));
	}

	private long orderRows() {
		return RowCounts.of(context, "orders", "purchase_order", "order_line", "saga", "saga_step");
	}
}
