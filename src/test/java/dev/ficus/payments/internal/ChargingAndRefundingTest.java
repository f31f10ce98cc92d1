package dev.ficus.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundFailed;
import dev.ficus.payments.RefundPayment;
import dev.ficus.platform.simulator.ProviderFaults;

/**
 * The payments module's command handlers against the simulator over loopback HTTP: every outcome is
 * checked in the reply, in the payments schema, and in the provider's own ledger.
 */
class ChargingAndRefundingTest extends PaymentsTestSupport {

	@Autowired
	PaymentRecovery recovery;

	@Autowired
	PaymentRecords records;

	@Autowired
	Refunds refunds;

	@Autowired
	PaymentWorker worker;

	@Test
	void chargesTheOrderAndRepliesPaymentCharged() {

		String orderId = newOrderId();
		charge(orderId, 4200);

		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);
		assertThat(charged.amountCents()).isEqualTo(4200);
		assertThat(providerChargesFor(orderId)).singleElement()
				.satisfies(charge -> assertThat(charge.path("id").asString()).isEqualTo(charged.chargeId()));
		assertThat(chargeRow(orderId).status()).isEqualTo(Charge.Status.CHARGED);
	}

	@Test
	void repliesPaymentFailedWithoutChargingWhenTheProviderDeclines() {

		changeFaults(faults(0, 1, 0, 0, 0));
		String orderId = newOrderId();
		charge(orderId, 1500);

		assertThat(awaitReply(orderId, PaymentFailed.class).reason()).contains("declined");
		assertThat(providerChargesFor(orderId)).isEmpty();
		assertThat(chargeRow(orderId).status()).isEqualTo(Charge.Status.DECLINED);
	}

	@Test
	void retriesTransientFailuresAndThenCharges() {

		changeFaults(faults(0, 0, 0, 2, 0));
		String orderId = newOrderId();
		charge(orderId, 990);

		awaitReply(orderId, PaymentCharged.class);
		assertThat(providerChargesFor(orderId)).hasSize(1);
		assertThat(repliesFor(orderId)).hasSize(1);
	}

	@Test
	void keepsTheChargeWhoseAnswerTimedOutAndChargesOnce() {

		changeFaults(faults(0, 0, 0, 0, 1));
		String orderId = newOrderId();
		charge(orderId, 3100);

		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);
		assertThat(providerChargesFor(orderId)).singleElement()
				.satisfies(charge -> assertThat(charge.path("id").asString()).isEqualTo(charged.chargeId()));
	}

	@Test
	void findsTheChargeByItsKeyWhenEveryAttemptTimedOut() {

		changeFaults(faults(0, 0, 0, 0, 3));
		String orderId = newOrderId();
		charge(orderId, 2700);

		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);
		assertThat(providerChargesFor(orderId)).singleElement()
				.satisfies(charge -> assertThat(charge.path("id").asString()).isEqualTo(charged.chargeId()));
		assertThat(chargeRow(orderId).status()).isEqualTo(Charge.Status.CHARGED);
	}

	@Test
	void failsThePaymentWithoutTakingMoneyWhenTheProviderStaysUnavailable() {

		changeFaults(faults(1, 0, 0, 0, 0));
		String orderId = newOrderId();
		charge(orderId, 800);

		assertThat(awaitReply(orderId, PaymentFailed.class).reason()).contains("503");
		assertThat(chargeRow(orderId).unverified()).isTrue();

		simulator.resetFaults();
		paymentProvider.circuitBreaker().reset();
		recovery.recover();

		await().atMost(Duration.ofSeconds(30)).until(() -> !chargeRow(orderId).unverified());
		assertThat(providerChargesFor(orderId)).isEmpty();
		assertThat(chargeRow(orderId).status()).isEqualTo(Charge.Status.FAILED);
	}

	@Test
	void voidsAChargeFoundAfterThePaymentWasReportedFailed() {

		// The provider charged, but the payment was recorded failed with its outcome unknown.
		String orderId = newOrderId();
		var charged = (PaymentProvider.ChargeOutcome.Charged) provider.charge(orderId, orderId, "c-7", 650);
		new TransactionTemplate(paymentsTransactions).executeWithoutResult(status -> jdbc.sql("""
				INSERT INTO payments.charge (order_id, customer_id, amount_cents, status, reason, unverified)
				VALUES (?, 'c-7', 650, 'FAILED', 'read timed out', TRUE)""")
				.param(orderId)
				.update());

		recovery.recover();

		await().atMost(Duration.ofSeconds(30)).until(() -> providerRefundsFor(charged.chargeId()).size() == 1);
		assertThat(providerRefundsFor(charged.chargeId()).getFirst().path("amountCents").asLong()).isEqualTo(650);
		assertThat(chargeRow(orderId).providerChargeId()).isEqualTo(charged.chargeId());
		assertThat(repliesFor(orderId)).isEmpty();
	}

	/**
	 * A lookup the breaker refuses never reached the provider, so it must not count as a try: the row is
	 * left for the next round rather than idle for another {@code idle-after} (in the fault suite's
	 * {@code provider-timeout} run every refused lookup pushed its row 30 s further out).
	 */
	@Test
	void leavesAFailedChargeToTheNextRoundWhenTheBreakerRefusesItsLookup() {

		String orderId = newOrderId();
		new TransactionTemplate(paymentsTransactions).executeWithoutResult(status -> jdbc.sql("""
				INSERT INTO payments.charge (order_id, customer_id, amount_cents, status, reason, unverified,
				  created_at, updated_at)
				VALUES (?, 'c-8', 450, 'FAILED', 'read timed out', TRUE, now() - interval '2 minutes',
				  now() - interval '2 minutes')""")
				.param(orderId)
				.update());
		Duration idle = Duration.ofMinutes(1);
		Charge claimed = records.claimOpen(idle, 10).unverified().getFirst();
		paymentProvider.circuitBreaker().transitionToForcedOpenState();
		long lookupsBefore = providerRequests("lookup");

		assertThat(worker.verify(claimed)).succeedsWithin(Duration.ofSeconds(30));

		assertThat(providerRequests("lookup")).isEqualTo(lookupsBefore);
		assertThat(chargeRow(orderId).unverified()).isTrue();
		assertThat(records.claimOpen(idle, 10).unverified()).extracting(Charge::orderId)
				.containsExactly(orderId);
	}

	@Test
	void neverChargesTwiceForARedeliveredCommand() {

		String orderId = newOrderId();
		charge(orderId, 5000);
		charge(orderId, 5000);
		PaymentCharged first = awaitReply(orderId, PaymentCharged.class);

		charge(orderId, 5000);

		// The second command came while the charge was pending (no reply) or after (the same reply again).
		await().atMost(Duration.ofSeconds(30)).until(() -> repliesFor(orderId).size() >= 2);
		assertThat(repliesFor(orderId)).containsOnly(first);
		assertThat(providerChargesFor(orderId)).hasSize(1);
	}

	@Test
	void refundsAChargeOnceHoweverOftenItIsAskedFor() {

		String orderId = newOrderId();
		charge(orderId, 2200);
		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);

		refund(orderId, charged);
		PaymentRefunded refunded = awaitReply(orderId, PaymentRefunded.class);
		refund(orderId, charged);

		await().atMost(Duration.ofSeconds(30)).until(() -> repliesFor(orderId).size() == 3);
		assertThat(repliesFor(orderId)).containsExactly(charged, refunded, refunded);
		assertThat(providerRefundsFor(charged.chargeId())).hasSize(1);
	}

	@Test
	void repliesRefundFailedSoTheSagaAsksAgainAndThenRefunds() {

		String orderId = newOrderId();
		charge(orderId, 1700);
		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);

		changeFaults(faults(1, 0, 0, 0, 0));
		refund(orderId, charged);
		awaitReply(orderId, RefundFailed.class);
		assertThat(providerRefundsFor(charged.chargeId())).isEmpty();

		changeFaults(ProviderFaults.NONE);
		paymentProvider.circuitBreaker().reset();
		refund(orderId, charged);

		assertThat(awaitReply(orderId, PaymentRefunded.class).amountCents()).isEqualTo(1700);
		assertThat(providerRefundsFor(charged.chargeId())).hasSize(1);
	}

	@Test
	void refundsTheChargeMadeForTheOrderWhenTheSagaNeverLearntItsId() {

		String orderId = newOrderId();
		charge(orderId, 2400);
		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);

		refundWhateverWasCharged(orderId, 2400);

		PaymentRefunded refunded = awaitReply(orderId, PaymentRefunded.class);
		assertThat(refunded.amountCents()).isEqualTo(2400);
		assertThat(providerRefundsFor(charged.chargeId())).singleElement()
				.satisfies(refund -> assertThat(refund.path("id").asString()).isEqualTo(refunded.refundId()));
	}

	@Test
	void refundsNothingAndRefusesALaterChargeWhenTheSagaGaveUpBeforeAnyCharge() {

		String orderId = newOrderId();
		refundWhateverWasCharged(orderId, 1300);

		assertThat(awaitReply(orderId, PaymentRefunded.class).amountCents()).isZero();

		long chargeRequestsBefore = providerRequests("charge");
		charge(orderId, 1300);

		assertThat(awaitReply(orderId, PaymentFailed.class).reason()).contains("cancelled");
		assertThat(providerRequests("charge")).isEqualTo(chargeRequestsBefore);
		assertThat(providerChargesFor(orderId)).isEmpty();
	}

	@Test
	void voidsAChargeStillUnderWayAsSoonAsItsAnswerComesWhenTheSagaGaveUpOnIt() {

		// The provider takes its time (still under the read timeout), so the refund command finds the
		// charge pending.
		changeFaults(faults(0, 0, 800, 0, 0));
		String orderId = newOrderId();
		charge(orderId, 1100);
		refundWhateverWasCharged(orderId, 1100);

		assertThat(awaitReply(orderId, PaymentRefunded.class).amountCents()).isZero();
		assertThat(chargeRow(orderId).unverified()).isTrue();

		String chargeId = await().atMost(Duration.ofSeconds(30))
				.until(() -> providerChargesFor(orderId), charges -> charges.size() == 1)
				.getFirst()
				.path("id")
				.asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> providerRefundsFor(chargeId).size() == 1);
		assertThat(providerRefundsFor(chargeId).getFirst().path("amountCents").asLong()).isEqualTo(1100);
		assertThat(chargeRow(orderId).unverified()).isFalse();
		assertThat(repliesFor(orderId)).singleElement().isInstanceOf(PaymentRefunded.class);
	}

	/**
	 * When the provider call fails at once (breaker open, bulkhead full) its future may be complete before
	 * the worker attaches its callback, which then runs on the consumer's thread inside the command's
	 * {@code afterCommit}. Seen in the fault suite's kill-9 run; reproduced here without the race.
	 */
	@Test
	void recordsARefundOutcomeReachedInsideTheCommittedCommandTransaction() {

		String orderId = newOrderId();
		charge(orderId, 900);
		PaymentCharged charged = awaitReply(orderId, PaymentCharged.class);
		var transaction = new TransactionTemplate(paymentsTransactions);

		transaction.executeWithoutResult(status -> {
			refunds.addPending(orderId, charged.chargeId(), 900, false, REPLIES);
			Refund pending = refunds.find(orderId).orElseThrow();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					records.refundFailed(pending, "CircuitBreaker 'payment-provider' is OPEN");
				}
			});
		});

		assertThat(awaitReply(orderId, RefundFailed.class).orderId()).isEqualTo(orderId);
		String recorded = transaction.execute(status -> jdbc.sql(
				"SELECT status FROM payments.refund WHERE order_id = ?").param(orderId).query(String.class).single());
		assertThat(recorded).isEqualTo("FAILED");
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

	private void refund(String orderId, PaymentCharged charged) {
		var command = new RefundPayment(orderId, charged.chargeId(), charged.amountCents());
		commands.on(command, commandMessage(orderId, command));
	}
}
