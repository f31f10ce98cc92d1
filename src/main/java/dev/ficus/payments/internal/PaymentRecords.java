package dev.ficus.payments.internal;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.messaging.Outbox;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundFailed;

/**
 * Writes the outcome of a provider call and its reply in one payments transaction, so a reply leaves if
 * and only if the outcome is recorded. Only the first outcome of a pending row counts: a late duplicate
 * (a resubmitted job that raced the first) changes nothing and sends nothing.
 *
 * <p>Each outcome is written in a transaction of its own ({@code REQUIRES_NEW}): the worker may
 * call these methods on the consumer's thread, from the {@code afterCommit} of the command's
 * transaction, when the provider call fails at once (breaker open, bulkhead full). A plain
 * {@code @Transactional} would then join that already committed transaction, whose {@code SET LOCAL
 * ROLE} has ended, and fail with "permission denied for schema payments" (found by the fault suite's
 * {@code kill-9} run, docs/fault-suite.md); the outcome and its reply were left to recovery.
 */
@Component
class PaymentRecords {

	private static final Logger log = LoggerFactory.getLogger(PaymentRecords.class);

	private final Charges charges;

	private final Refunds refunds;

	private final Outbox outbox;

	PaymentRecords(Charges charges, Refunds refunds, Outbox outbox) {
		this.charges = charges;
		this.refunds = refunds;
		this.outbox = outbox;
	}

	/**
	 * Records a charge the provider made. When the row is no longer pending but failed with its outcome
	 * unknown (the order gave up its payment while this call was under way), the charge is voided at once
	 * rather than at recovery's next lookup.
	 *
	 * @return the void refund to submit, if one was queued
	 */
	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	@Nullable Refund charged(Charge charge, String providerChargeId) {

		if (charges.settle(charge.orderId(), Charge.Status.CHARGED, providerChargeId, null, false)) {
			log.info("Charged order {}: charge {} of {} cents", charge.orderId(), providerChargeId,
					charge.amountCents());
			reply(charge.replyTo(), charge.orderId(),
					new PaymentCharged(charge.orderId(), providerChargeId, charge.amountCents()));
			return null;
		}
		return verified(charge, providerChargeId);
	}

	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	void declined(Charge charge, String reason) {
		if (charges.settle(charge.orderId(), Charge.Status.DECLINED, null, reason, false)) {
			log.info("Payment for order {} declined: {}", charge.orderId(), reason);
			reply(charge.replyTo(), charge.orderId(), new PaymentFailed(charge.orderId(), "declined: " + reason));
		}
	}

	/**
	 * The provider stayed unavailable. It may still have charged (an answer lost, a request still in
	 * flight), so the charge stays unverified until a later lookup; a charge found then is voided.
	 */
	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	void failed(Charge charge, String reason) {
		if (charges.settle(charge.orderId(), Charge.Status.FAILED, null, reason, true)) {
			log.warn("Payment for order {} failed, to be verified with the provider later: {}", charge.orderId(),
					reason);
			reply(charge.replyTo(), charge.orderId(), new PaymentFailed(charge.orderId(), reason));
		}
	}

	/**
	 * A lookup settled a failed charge whose outcome was unknown. A charge found is recorded and a void
	 * refund queued, because the saga was told the payment failed.
	 *
	 * @return the void refund to submit, if one was queued
	 */
	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	@Nullable Refund verified(Charge charge, @Nullable String providerChargeId) {

		if (!charges.verify(charge.orderId(), providerChargeId)) {
			return null;
		}
		if (providerChargeId == null) {
			log.info("Verified that order {} was never charged", charge.orderId());
			return null;
		}

		log.warn("Order {} was charged ({}) although its payment failed; voiding the charge", charge.orderId(),
				providerChargeId);
		refunds.addPending(charge.orderId(), providerChargeId, charge.amountCents(), true, null);
		return refunds.find(charge.orderId()).orElseThrow();
	}

	/**
	 * The lookup of an unverified charge was refused by the breaker or the bulkhead, so it learnt nothing.
	 * The claim is given back: the next round the breaker lets through looks again, instead of the row
	 * waiting another {@code idle-after} (which kept landing it in the breaker's open phase).
	 */
	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	void lookupRefused(Charge charge, String reason) {
		if (charges.releaseUnverified(charge.orderId())) {
			log.warn("Could not verify failed payment of order {} yet, left to the next round: {}", charge.orderId(),
					reason);
		}
	}

	/** The void of a charge was refused by the breaker or the bulkhead; like {@link #lookupRefused}. */
	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	void voidRefused(Refund refund, String reason) {
		if (refunds.releasePendingVoid(refund.orderId())) {
			log.warn("Void of charge {} for order {} refused, left to the next round: {}", refund.providerChargeId(),
					refund.orderId(), reason);
		}
	}

	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	void refunded(Refund refund, String providerRefundId) {
		if (refunds.settle(refund.orderId(), Refund.Status.REFUNDED, providerRefundId, null)) {
			log.info("Refunded order {}: refund {} of {} cents against charge {}", refund.orderId(), providerRefundId,
					refund.amountCents(), refund.providerChargeId());
			reply(refund.replyTo(), refund.orderId(),
					new PaymentRefunded(refund.orderId(), providerRefundId, refund.amountCents()));
		}
	}

	@Transactional(transactionManager = "paymentsTransactions", propagation = Propagation.REQUIRES_NEW)
	void refundFailed(Refund refund, String reason) {
		if (refunds.settle(refund.orderId(), Refund.Status.FAILED, null, reason)) {
			log.warn("Refund for order {} of charge {} failed: {}", refund.orderId(), refund.providerChargeId(),
					reason);
			reply(refund.replyTo(), refund.orderId(), new RefundFailed(refund.orderId(), reason));
		}
	}

	/**
	 * Claims at most {@code limit} rows left open for {@code idle}: unverified failed charges first (money
	 * may have been taken), then pending refunds, then pending charges.
	 */
	@Transactional("paymentsTransactions")
	Claimed claimOpen(Duration idle, int limit) {

		List<Charge> unverified = charges.claimUnverified(idle, limit);
		List<Refund> pendingRefunds = refunds.claimStalePending(idle, limit - unverified.size());
		List<Charge> pendingCharges = charges.claimStalePending(idle,
				limit - unverified.size() - pendingRefunds.size());
		return new Claimed(pendingCharges, pendingRefunds, unverified);
	}

	record Claimed(List<Charge> charges, List<Refund> refunds, List<Charge> unverified) {

		boolean isEmpty() {
			return charges.isEmpty() && refunds.isEmpty() && unverified.isEmpty();
		}
	}

	private void reply(@Nullable String replyTo, String orderId, Object reply) {
		if (replyTo == null) {
			log.debug("No reply channel for {} of order {}", reply.getClass().getSimpleName(), orderId);
			return;
		}
		outbox.send(replyTo, orderId, reply);
	}
}
