package dev.ficus.payments.internal;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Collections;

import org.junit.jupiter.api.BeforeEach;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.Outbox;
import dev.ficus.platform.resilience.RemoteDependencies;
import dev.ficus.platform.resilience.RemoteDependency;
import dev.ficus.platform.simulator.PaymentProviderSimulator;
import dev.ficus.platform.simulator.ProviderFaults;
import tools.jackson.databind.JsonNode;

/**
 * One application context for the payments tests: the embedded simulator over real HTTP, short timeouts
 * and waits, a small bulkhead, and no scheduled recovery (tests run it themselves), so that nothing but
 * the test itself calls the provider. The {@link Outbox} is spied on to see the replies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"ficus.payment-provider.read-timeout=1s",
		"ficus.payment-provider.simulator.faults.timeout-millis=2500",
		"ficus.payments.recovery.enabled=false",
		"ficus.payments.recovery.idle-after=0s",
		"ficus.resilience.dependencies.payment-provider.backoff-base=5ms",
		"ficus.resilience.dependencies.payment-provider.backoff-cap=20ms",
		"resilience4j.circuitbreaker.instances.payment-provider.wait-duration-in-open-state=500ms",
		"resilience4j.circuitbreaker.instances.payment-provider.max-wait-duration-in-half-open-state=3s",
		"resilience4j.thread-pool-bulkhead.instances.payment-provider.core-thread-pool-size=2",
		"resilience4j.thread-pool-bulkhead.instances.payment-provider.max-thread-pool-size=2",
		"resilience4j.thread-pool-bulkhead.instances.payment-provider.queue-capacity=2" })
@ActiveProfiles("test")
abstract class PaymentsTestSupport {

	static final String REPLIES = "orders-replies";

	@Autowired
	PaymentProviderSimulator simulator;

	@Autowired
	RemoteDependencies dependencies;

	@Autowired
	PaymentProvider provider;

	@Autowired
	PaymentCommands commands;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("paymentsTransactions")
	PlatformTransactionManager paymentsTransactions;

	@MockitoSpyBean
	Outbox outbox;

	@LocalServerPort
	int port;

	RemoteDependency paymentProvider;

	@BeforeEach
	void startFromAHealthyProvider() {

		paymentProvider = dependencies.named(PaymentWorker.DEPENDENCY);
		simulator.resetFaults();

		// Calls left running by an earlier test must not land in this test's breaker counts.
		await().atMost(Duration.ofSeconds(30)).until(() -> paymentProvider.bulkhead().getMetrics().getQueueDepth() == 0
				&& paymentProvider.bulkhead().getMetrics().getActiveThreadCount() == 0);
		paymentProvider.circuitBreaker().reset();
		paymentProvider.retryBudget().refill();

		// Rows an earlier test left open (a charge refused by a full bulkhead, a failed refund) must not
		// take this test's recovery room, nor be charged in the middle of it.
		new TransactionTemplate(paymentsTransactions).executeWithoutResult(status -> {
			jdbc.sql("""
					UPDATE payments.charge SET status = 'FAILED', unverified = FALSE, reason = 'left by an earlier test'
					WHERE status = 'PENDING' OR unverified""").update();
			jdbc.sql("UPDATE payments.refund SET status = 'FAILED' WHERE status = 'PENDING'").update();
		});
	}

	static String newOrderId() {
		return "order-" + UUID.randomUUID();
	}

	static IncomingMessage commandMessage(String orderId, Object command) {
		return new IncomingMessage(UUID.randomUUID(), command.getClass().getSimpleName(), "payments-commands", orderId,
				REPLIES, Instant.now());
	}

	void changeFaults(ProviderFaults faults) {
		simulator.changeFaults(faults);
	}

	static ProviderFaults faults(double failureRate, double declineRate, long latencyMillis, int failNext,
			int timeoutNext) {
		return new ProviderFaults(failureRate, declineRate, latencyMillis, 0, 0, 2500, failNext, timeoutNext);
	}

	/** The replies sent for the order so far, in order, each once. */
	List<Object> repliesFor(String orderId) {

		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		return Mockito.mockingDetails(outbox).getInvocations().stream()
				.filter(invocation -> invocation.getMethod().getName().equals("send"))
				.map(invocation -> invocation.getArguments())
				.filter(arguments -> REPLIES.equals(arguments[0]) && orderId.equals(arguments[1]))
				.map(arguments -> arguments[2])
				.filter(seen::add)
				.toList();
	}

	<T> T awaitReply(String orderId, Class<T> type) {
		return await().atMost(Duration.ofSeconds(30))
				.until(() -> repliesFor(orderId).stream().filter(type::isInstance).map(type::cast).findFirst(),
						found -> found.isPresent())
				.orElseThrow();
	}

	/** The provider's own record of successful charges for the order, read over HTTP. */
	List<JsonNode> providerChargesFor(String orderId) {
		return ledgerEntries("charges").stream()
				.filter(charge -> orderId.equals(charge.path("idempotencyKey").asString()))
				.toList();
	}

	List<JsonNode> providerRefundsFor(String chargeId) {
		return ledgerEntries("refunds").stream()
				.filter(refund -> chargeId.equals(refund.path("chargeId").asString()))
				.toList();
	}

	long providerRequests(String operation) {
		return simulator.requestsReceived().getOrDefault(operation, 0L);
	}

	Charge chargeRow(String orderId) {
		return new TransactionTemplate(paymentsTransactions).execute(status -> jdbc
				.sql("SELECT order_id, customer_id, amount_cents, status, provider_charge_id, reason, unverified, "
						+ "reply_to, attempts FROM payments.charge WHERE order_id = ?")
				.param(orderId)
				.query(Charge.class)
				.single());
	}

	private List<JsonNode> ledgerEntries(String kind) {
		JsonNode ledger = RestClient.create(simulator.baseUrl().toString())
				.get()
				.uri("/v1/ledger")
				.retrieve()
				.body(JsonNode.class);
		return ledger == null ? List.of() : ledger.path(kind).valueStream().toList();
	}
}
