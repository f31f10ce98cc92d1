package dev.ficus.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.internal.PaymentProvider.ChargeOutcome;
import dev.ficus.platform.resilience.RemoteCallRejected;
import dev.ficus.platform.resilience.RetryBudgetExhausted;
import dev.ficus.platform.resilience.TransientRemoteFailure;
import dev.ficus.platform.simulator.ProviderFaults;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;

/**
 * The {@code payment-provider} dependency (bulkhead, then retry, then circuit breaker) against the
 * simulator over loopback HTTP: what the breaker counts, that half-open cannot stick, that a full
 * bulkhead neither opens the breaker nor slows anything else, and that the retry budget holds.
 */
class PaymentProviderResilienceTest extends PaymentsTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void countsEveryAttemptInTheBreakerBecauseTheRetryWrapsIt() {

		changeFaults(faults(1, 0, 0, 0, 0));
		long requestsBefore = providerRequests("charge");

		// First logical call: three attempts, three failures; four calls are needed before the breaker judges.
		assertThatExceptionOfType(TransientRemoteFailure.class).isThrownBy(() -> chargeThroughDependency());
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.CLOSED);
		assertThat(paymentProvider.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(3);

		// Second logical call: its first attempt is the fourth failure and opens the breaker, which then
		// refuses the second attempt; a refusal is not retried.
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> chargeThroughDependency());
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.OPEN);
		assertThat(paymentProvider.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
		assertThat(paymentProvider.circuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
		assertThat(providerRequests("charge") - requestsBefore).isEqualTo(4);
	}

	@Test
	void rejectsCallsWhenTheBulkheadIsFullWithoutOpeningTheBreaker() {

		var release = new CountDownLatch(1);
		try {
			// Every thread busy and every queue place taken by calls that wait; a refusal while idle threads
			// have not yet taken their work off the queue is not the end, so top up until both hold.
			List<CompletableFuture<String>> held = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				var metrics = paymentProvider.bulkhead().getMetrics();
				if (metrics.getActiveThreadCount() == metrics.getMaximumThreadPoolSize()
						&& metrics.getRemainingQueueCapacity() == 0) {
					return true;
				}
				var call = paymentProvider.submit(() -> waitFor(release));
				if (!call.isCompletedExceptionally()) {
					held.add(call);
				}
				return false;
			});
			List<CompletableFuture<String>> rejected = IntStream.range(0, 10)
					.mapToObj(more -> paymentProvider.submit(() -> "never runs"))
					.toList();

			assertThat(rejected).allSatisfy(refusal -> assertThat(refusal.exceptionNow())
					.isInstanceOf(BulkheadFullException.class));
			assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.CLOSED);
			assertThat(paymentProvider.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();

			release.countDown();
			assertThat(held).allSatisfy(call -> assertThat(call).succeedsWithin(Duration.ofSeconds(30)));
			assertThat(paymentProvider.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls())
					.isEqualTo(held.size());
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void letsTheNextCallThroughWhenTheHalfOpenTrialThrowsAnIgnoredException() {

		tripTheBreaker();
		waitOutTheOpenState();

		// The single trial call is refused by the provider for a reason the breaker ignores (404).
		assertThatExceptionOfType(RemoteCallRejected.class)
				.isThrownBy(() -> paymentProvider.call(() -> provider.refund(newOrderId(), "ch_unknown", 100)));
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.HALF_OPEN);

		ChargeOutcome next = chargeThroughDependency();

		assertThat(next).isInstanceOf(ChargeOutcome.Charged.class);
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void leavesHalfOpenAfterTheMaximumWaitWhenTheTrialCallNeverEnds() {

		List<StateTransition> transitions = new CopyOnWriteArrayList<>();
		paymentProvider.circuitBreaker().getEventPublisher()
				.onStateTransition(event -> transitions.add(event.getStateTransition()));

		tripTheBreaker();
		waitOutTheOpenState();
		long requestsAfterTrip = providerRequests("charge");

		// A trial call takes the single permit and never reports back, as a call stuck past every timeout.
		assertThat(paymentProvider.circuitBreaker().tryAcquirePermission()).isTrue();
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.HALF_OPEN);

		assertThat(paymentProvider.circuitBreaker().getCircuitBreakerConfig().getMaxWaitDurationInHalfOpenState())
				.isPositive();
		await().atMost(Duration.ofSeconds(30)).until(() -> transitions.contains(StateTransition.HALF_OPEN_TO_OPEN));
		assertThat(providerRequests("charge")).isEqualTo(requestsAfterTrip);
	}

	@Test
	void letsASparseCallThroughOnceTheOpenWaitIsOverHoweverLateItComes() {

		// With automatic transitions a breaker without traffic would cycle (open, then half-open for at
		// most the maximum wait, then open again) and refuse a call arriving in a later open phase: the
		// compensation of an order, retried after a backoff, met "OPEN" for minutes in the fault suite.
		tripTheBreaker();
		var config = paymentProvider.circuitBreaker().getCircuitBreakerConfig();
		Duration openWait = Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
		// Where a cycling breaker would be open again: one open wait, the half-open maximum, half a wait.
		sleep(openWait.plus(config.getMaxWaitDurationInHalfOpenState()).plus(openWait.dividedBy(2)));

		ChargeOutcome late = chargeThroughDependency();

		assertThat(late).isInstanceOf(ChargeOutcome.Charged.class);
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void stopsRetryingWhenTheRetryBudgetIsSpent() {

		while (paymentProvider.retryBudget().tryWithdraw()) {
			// Spend every saved retry, as a long run of failures would.
		}
		changeFaults(faults(0, 0, 0, 1, 0));
		long requestsBefore = providerRequests("charge");

		assertThatExceptionOfType(RetryBudgetExhausted.class)
				.isThrownBy(() -> chargeThroughDependency())
				.withCauseInstanceOf(TransientRemoteFailure.class);
		assertThat(providerRequests("charge") - requestsBefore).isEqualTo(1);

		// Successful calls earn retries back: 0.2 per call, so five calls pay for one retry.
		IntStream.range(0, 5).forEach(call -> chargeThroughDependency());
		changeFaults(faults(0, 0, 0, 1, 0));

		assertThat(chargeThroughDependency()).isInstanceOf(ChargeOutcome.Charged.class);
	}

	@Test
	void answersOtherRequestsWhileTheSlowProviderFillsItsOwnPool() {

		changeFaults(new ProviderFaults(0, 0, 800, 0, 0, 2500, 0, 0));

		// Commands return as soon as the charge is recorded as pending: the consumer never waits for the provider.
		List<CompletableFuture<Void>> commandsHandled = IntStream.range(0, 8)
				.mapToObj(command -> CompletableFuture.runAsync(() -> {
					String orderId = newOrderId();
					var charge = new ChargePayment(orderId, "customer-2", 1000);
					commands.on(charge, commandMessage(orderId, charge));
				}))
				.toList();
		await().atMost(Duration.ofSeconds(30))
				.until(() -> commandsHandled.stream().allMatch(CompletableFuture::isDone));
		assertThat(commandsHandled).noneMatch(CompletableFuture::isCompletedExceptionally);
		await().atMost(Duration.ofSeconds(30))
				.until(() -> paymentProvider.bulkhead().getMetrics().getActiveThreadCount() == 2);

		List<String> paths = List.of("/inventory/items", "/payments/ledger", "/actuator/health");
		List<CompletableFuture<HttpResponse<String>>> answers = paths.stream()
				.map(path -> http.sendAsync(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString()))
				.toList();

		await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
		assertThat(answers).allSatisfy(answer -> assertThat(answer)
				.succeedsWithin(Duration.ofSeconds(30))
				.satisfies(response -> assertThat(response.statusCode()).isEqualTo(200)));
	}

	@Test
	void exposesTheDependencyThroughActuatorEndpointsAndMetrics() throws Exception {

		chargeThroughDependency();

		assertThat(get("/actuator/circuitbreakers")).contains("payment-provider");
		assertThat(get("/actuator/retries")).contains("payment-provider");
		assertThat(get("/actuator/bulkheads")).contains("payment-provider");
		assertThat(get("/actuator/metrics/resilience4j.circuitbreaker.calls?tag=name:payment-provider"))
				.contains("COUNT");
		assertThat(get("/actuator/metrics/ficus.retry.budget.available?tag=name:payment-provider")).contains("VALUE");
	}

	private ChargeOutcome chargeThroughDependency() {
		String orderId = newOrderId();
		return paymentProvider.call(() -> provider.charge(orderId, orderId, "customer-3", 100));
	}

	/** Waits as long as the breaker stays open; the next call is then its trial. */
	private void waitOutTheOpenState() {
		long openMillis = paymentProvider.circuitBreaker().getCircuitBreakerConfig()
				.getWaitIntervalFunctionInOpenState().apply(1);
		sleep(Duration.ofMillis(openMillis + 100));
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(interrupted);
		}
	}

	private void tripTheBreaker() {

		changeFaults(faults(1, 0, 0, 0, 0));
		while (paymentProvider.circuitBreaker().getState() == State.CLOSED) {
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> chargeThroughDependency());
		}
		simulator.resetFaults();
	}

	private String get(String path) throws Exception {

		var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static String waitFor(CountDownLatch release) {
		try {
			// Bounded, so a test that fails before releasing cannot keep the provider's threads forever.
			if (!release.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Held in the bulkhead for 30 s without being released");
			}
			return "released";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while held in the bulkhead", e);
		}
	}
}
