package dev.ficus.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.customers.Customers;
import dev.ficus.inventory.Inventory;
import dev.ficus.orders.Orders.OrderLine;
import dev.ficus.platform.idempotency.IdempotencyKey;
import dev.ficus.support.RowCounts;
import dev.ficus.support.SagaTest;

/**
 * The idempotency key of {@code POST /orders} is stored on the order itself, so a retry places no second
 * order even when the first request's answer was never stored: the process died between the order's
 * commit and storing the answer, and the key's lease ran out before the client retried.
 */
@SagaTest
class OrderPlacementKeysTest {

	private static final String CLIENT = "shop-7";

	@Autowired
	MockMvc http;

	@Autowired
	Orders orders;

	@Autowired
	Customers customers;

	@Autowired
	Inventory inventory;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	String customer;

	String sku;

	String key;

	@BeforeEach
	void stockAnItem() {
		customer = customers.register("Barbara Liskov", "barbara@example.com").id().toString();
		sku = "KEY-" + UUID.randomUUID();
		inventory.stock(sku, "Substitution principle", 4_200, 10);
		key = "order-" + UUID.randomUUID();
	}

	@Test
	void answersTheFirstOrderWhenARetryRunsAfterTheStoredAnswerWasLost() throws Exception {

		String first = place(order(2), key).andExpect(status().isAccepted()).andReturn().getResponse()
				.getHeader("Location");
		long rowsAfterFirst = orderRows();

		forgetTheAnswerAsIfTheProcessDiedBeforeStoringIt(key);
		String retried = place(order(2), key)
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.orderId").value(first.substring("/orders/".length())))
				.andReturn()
				.getResponse()
				.getHeader("Location");

		assertThat(retried).isEqualTo(first);
		assertThat(orderRows()).isEqualTo(rowsAfterFirst);
	}

	@Test
	void refusesTheKeyForADifferentOrderOnceItsStoredAnswerExpired() throws Exception {

		place(order(2), key).andExpect(status().isAccepted());
		long rowsAfterFirst = orderRows();

		purgeTheAnswerAsIfItExpired(key);
		place(order(3), key)
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(endsWith("/idempotency-key-reused")));

		assertThat(orderRows()).isEqualTo(rowsAfterFirst);
	}

	@Test
	void placesOneOrderWhenRequestsWithTheSameKeyRace() throws Exception {

		long rowsBefore = RowCounts.of(context, "orders", "purchase_order");
		var sameKey = new IdempotencyKey(CLIENT, key);
		UUID customerId = UUID.fromString(customer);
		Callable<UUID> placing = () -> orders.place(customerId, List.of(new OrderLine(sku, 1)), sameKey).orderId();

		List<UUID> placed;
		try (var threads = Executors.newFixedThreadPool(8)) {
			List<Future<UUID>> racing = threads.invokeAll(IntStream.range(0, 8).mapToObj(i -> placing).toList());
			placed = racing.stream().map(OrderPlacementKeysTest::result).toList();
		}

		assertThat(placed).hasSize(8).containsOnly(placed.getFirst());
		assertThat(RowCounts.of(context, "orders", "purchase_order")).isEqualTo(rowsBefore + 1);
	}

	@Test
	void placesSeparateOrdersWithoutKeys() {

		UUID customerId = UUID.fromString(customer);
		var lines = List.of(new OrderLine(sku, 1));

		UUID first = orders.place(customerId, lines).orderId();
		UUID second = orders.place(customerId, lines).orderId();

		assertThat(first).isNotEqualTo(second);
	}

	/**
	 * Puts the key's record back where a crash after the order's commit leaves it: still running, its
	 * answer never stored, its lease over. The next request with the key takes it over and runs again.
	 */
	private void forgetTheAnswerAsIfTheProcessDiedBeforeStoringIt(String idempotencyKey) {

		var transactions = new TransactionTemplate(context.getBean("ordersTransactions", PlatformTransactionManager.class));
		int rewound = transactions.execute(status -> jdbc.sql("""
				UPDATE orders.idempotency_key
				SET state = 'IN_PROGRESS', holder = ?, locked_until = ?,
				    response_status = NULL, response_headers = NULL, response_body = NULL
				WHERE client_id = ? AND idempotency_key = ?""")
				.params(UUID.randomUUID(), Timestamp.from(Instant.now().minus(1, ChronoUnit.MINUTES)), CLIENT,
						idempotencyKey)
				.update());
		assertThat(rewound).as("the key's record to rewind").isEqualTo(1);
	}

	/** Deletes the key's record, as the purge does once its time to live is over. */
	private void purgeTheAnswerAsIfItExpired(String idempotencyKey) {

		var transactions = new TransactionTemplate(context.getBean("ordersTransactions", PlatformTransactionManager.class));
		int purged = transactions.execute(status -> jdbc.sql(
				"DELETE FROM orders.idempotency_key WHERE client_id = ? AND idempotency_key = ?")
				.params(CLIENT, idempotencyKey)
				.update());
		assertThat(purged).as("the key's record to purge").isEqualTo(1);
	}

	private String order(int quantity) {
		return """
				{"customerId": "%s", "lines": [{"sku": "%s", "quantity": %d}]}""".formatted(customer, sku, quantity);
	}

	private ResultActions place(String body, String idempotencyKey) throws Exception {
		return http.perform(post("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", idempotencyKey)
				.header("X-Ficus-Client-Id", CLIENT)
				.content(body));
	}

	private long orderRows() {
		return RowCounts.of(context, "orders", "purchase_order", "order_line", "saga", "saga_step");
	}

	private static UUID result(Future<UUID> placing) {
		try {
			return placing.get();
		}
		catch (Exception failure) {
			throw new AssertionError("Placing the order failed", failure);
		}
	}
}
