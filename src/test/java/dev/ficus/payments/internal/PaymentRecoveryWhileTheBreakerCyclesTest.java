package dev.ficus.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundPayment;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;

/**
 * Scheduled recovery against a breaker that cycles by itself because nothing else calls the provider:
 * what the fault suite's {@code provider-timeout} row found (docs/fault-suite.md). The timings are the
 * production ones scaled down, in the same proportions that hid the bug: the breaker stays open 2 s and
 * half-open at most 1 s, a 3 s cycle, and a row is claimed again once it has been idle 6 s (two cycles,
 * as 30 s are two of the production 15 s; longer than a charge's three 1 s attempts and its lookup), so
 * every claim of a row falls in the same phase of the cycle. Before the fix every claim fell in the open phase
 * and each lookup was refused ("CircuitBreaker 'payment-provider' is OPEN") for as long as there was no
 * other traffic.
 *
 * <p>The platform's breakers no longer cycle (automatic transitions are off: the next call after the
 * open wait is the trial), but a deployment may switch them on, and recovery must settle either way; this
 * test switches them on.
 */
class PaymentRecoveryWhileTheBreakerCyclesTest extends PaymentsTestSupport {

	/**
	 * The idle time and five breaker cycles after it: recovery must not need other traffic, nor luck with
	 * the phase, to settle.
	 */
	private static final Duration SETTLED_WITHIN = Duration.ofSeconds(21);

	@DynamicPropertySource
	static void recoveryOnItsSchedule(DynamicPropertyRegistry properties) {
		properties.add("ficus.payments.recovery.enabled", () -> "true");
		properties.add("ficus.payments.recovery.interval", () -> "200ms");
		properties.add("ficus.payments.recovery.idle-after", () -> "6s");
		properties.add("resilience4j.circuitbreaker.instances.payment-provider.wait-duration-in-open-state",
				() -> "2s");
		properties.add(
				"resilience4j.circuitbreaker.instances.payment-provider.automatic-transition-from-open-to-half-open-enabled",
				() -> "true");
		properties.add("resilience4j.circuitbreaker.instances.payment-provider.max-wait-duration-in-half-open-state",
				() -> "1s");
	}

	@Test
	void voidsTheChargesOfRejectedOrdersWhoseAnswersTimedOutOnceTheProviderIsHealthyWithoutOtherTraffic() {

		// Two charges whose answers the provider holds back: it charged both, the attempts time out, the
		// fourth failure opens the breaker, and the lookups after the attempts are refused by it. Both
		// payments fail with their outcome unknown, as in the fault suite.
		List<StateTransition> transitions = new CopyOnWriteArrayList<>();
		paymentProvider.circuitBreaker().getEventPublisher()
				.onStateTransition(event -> transitions.add(event.getStateTransition()));
		changeFaults(faults(0, 0, 0, 0, 6));
		Map<String, Long> amounts = Map.of(newOrderId(), 3700L, newOrderId(), 1900L);
		amounts.forEach(this::charge);

		amounts.keySet().forEach(orderId -> awaitReply(orderId, PaymentFailed.class));
		assertThat(transitions).contains(StateTransition.CLOSED_TO_OPEN);
		assertThat(amounts.keySet()).allSatisfy(orderId -> assertThat(chargeRow(orderId).unverified()).isTrue());

		// The fault clears. The sagas compensate; nothing was charged as far as payments knows, so
		// nothing is refunded yet.
		simulator.resetFaults();
		amounts.forEach(this::refundWhateverWasCharged);
		amounts.keySet().forEach(orderId -> assertThat(awaitReply(orderId, PaymentRefunded.class).amountCents())
				.isZero());

		// Nothing else calls the provider from here on.
		await().atMost(SETTLED_WITHIN).untilAsserted(() -> assertThat(amounts).allSatisfy((orderId, amount) -> {
			String chargeId = providerChargesFor(orderId).getFirst().path("id").asString();
			assertThat(providerRefundsFor(chargeId)).singleElement()
					.satisfies(refund -> assertThat(refund.path("amountCents").asLong()).isEqualTo(amount));
		}));
		assertThat(amounts.keySet()).allSatisfy(orderId -> assertThat(chargeRow(orderId).unverified()).isFalse());
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void chargesAPendingChargeLeftByACrashOnceTheBreakerLetsATrialCallThrough() {

		tripTheBreakerWithoutRecordingAnything();

		// A charge the monolith had recorded pending when it died, with the breaker open and no traffic.
		String orderId = newOrderId();
		new TransactionTemplate(paymentsTransactions).executeWithoutResult(status -> jdbc.sql("""
				INSERT INTO payments.charge (order_id, customer_id, amount_cents, status, reply_to, updated_at)
				VALUES (?, 'customer-8', 2100, 'PENDING', ?, now() - interval '1 minute')""")
				.params(orderId, REPLIES)
				.update());

		// Before the fix recovery resubmitted it into the open breaker, and the refusal failed the payment.
		List<Object> replies = await().atMost(SETTLED_WITHIN)
				.until(() -> repliesFor(orderId), answered -> !answered.isEmpty());
		assertThat(replies).singleElement().isInstanceOf(PaymentCharged.class);
		var charged = (PaymentCharged) replies.getFirst();
		assertThat(charged.amountCents()).isEqualTo(2100);
		assertThat(providerChargesFor(orderId)).singleElement()
				.satisfies(charge -> assertThat(charge.path("id").asString()).isEqualTo(charged.chargeId()));
		assertThat(chargeRow(orderId).status()).isEqualTo(Charge.Status.CHARGED);
	}

	/** Opens the breaker with charges made straight through the dependency, so no row is left behind. */
	private void tripTheBreakerWithoutRecordingAnything() {

		changeFaults(faults(1, 0, 0, 0, 0));
		while (paymentProvider.circuitBreaker().getState() == State.CLOSED) {
			String orderId = newOrderId();
			try {
				paymentProvider.call(() -> provider.charge(orderId, orderId, "customer-9", 100));
			}
			catch (RuntimeException expected) {
				// Every call fails until the breaker opens.
			}
		}
		simulator.resetFaults();
		assertThat(paymentProvider.circuitBreaker().getState()).isEqualTo(State.OPEN);
	}

	private void charge(String orderId, long amountCents) {
		var command = new ChargePayment(orderId, "customer-1", amountCents);
		commands.on(command, commandMessage(orderId, command));
	}

	/** The saga's compensation when the charge's reply never came: no charge id. */
	private void refundWhateverWasCharged(String orderId, long amountCents) {
		var command = new RefundPayment(orderId, "", amountCents);
		commands.on(command, commandMessage(orderId, command));
	}
}
