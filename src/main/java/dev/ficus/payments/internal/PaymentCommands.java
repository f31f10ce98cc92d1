package dev.ficus.payments.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.messaging.Outbox;
import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundPayment;

/**
 * Handles the commands on {@code payments-commands}. A handler only records the request as pending and
 * returns, so the message consumer and its database connection are never held while the provider is
 * slow; the provider call runs on the {@code payment-provider} threads once the transaction commits
 * ({@link PaymentWorker}), and the reply is sent when its outcome is recorded.
 *
 * <p>A command for an order that already has a charge (or refund) starts nothing new: a settled one is
 * answered again with the recorded outcome, a pending one will be answered when it settles.
 */
@Component
public class PaymentCommands {

	private static final Logger log = LoggerFactory.getLogger(PaymentCommands.class);

	/** Why a charge fenced by a refund of an unknown charge fails; a late {@code ChargePayment} gets it. */
	static final String CANCELLED = "cancelled: the order gave up its payment";

	private final Charges charges;

	private final Refunds refunds;

	private final PaymentWorker worker;

	private final Outbox outbox;

	PaymentCommands(Charges charges, Refunds refunds, PaymentWorker worker, Outbox outbox) {
		this.charges = charges;
		this.refunds = refunds;
		this.worker = worker;
		this.outbox = outbox;
	}

	@MessageHandler(channel = "payments-commands")
	@Transactional("paymentsTransactions")
	public void on(ChargePayment command, IncomingMessage message) {

		String orderId = command.orderId();
		if (charges.addPending(orderId, command.customerId(), command.amountCents(), message.replyTo())) {
			log.info("Charging {} cents for order {} (message {})", command.amountCents(), orderId,
					message.messageId());
			Charge pending = charges.find(orderId).orElseThrow();
			afterCommit(() -> worker.charge(pending));
			return;
		}

		Charge known = charges.find(orderId).orElseThrow();
		if (known.amountCents() != command.amountCents()) {
			log.warn("Order {} asks for {} cents but was charged for {} before (message {}); keeping the first",
					orderId, command.amountCents(), known.amountCents(), message.messageId());
		}
		switch (known.status()) {
			case PENDING -> log.info("Charge of order {} is under way; message {} adds nothing", orderId,
					message.messageId());
			case CHARGED -> replyAgain(message, orderId,
					new PaymentCharged(orderId, String.valueOf(known.providerChargeId()), known.amountCents()));
			case DECLINED -> replyAgain(message, orderId, new PaymentFailed(orderId, "declined: " + known.reason()));
			case FAILED -> replyAgain(message, orderId, new PaymentFailed(orderId, String.valueOf(known.reason())));
		}
	}

	@MessageHandler(channel = "payments-commands")
	@Transactional("paymentsTransactions")
	public void on(RefundPayment command, IncomingMessage message) {

		String orderId = command.orderId();
		String chargeId = command.chargeId();
		long amountCents = command.amountCents();
		if (chargeId.isBlank()) {
			Charge charged = cancelCharge(orderId, amountCents, message);
			if (charged == null) {
				log.info("Nothing was charged for order {}; answering message {} with nothing refunded", orderId,
						message.messageId());
				reply(message, orderId, new PaymentRefunded(orderId, "", 0));
				return;
			}
			chargeId = String.valueOf(charged.providerChargeId());
			amountCents = charged.amountCents();
		}

		boolean added = refunds.addPending(orderId, chargeId, amountCents, false, message.replyTo());
		if (added || refunds.retry(orderId, message.replyTo())) {
			log.info("Refunding {} cents of charge {} for order {} (message {})", amountCents, chargeId, orderId,
					message.messageId());
			Refund pending = refunds.find(orderId).orElseThrow();
			afterCommit(() -> worker.refund(pending));
			return;
		}

		Refund known = refunds.find(orderId).orElseThrow();
		switch (known.status()) {
			case PENDING -> log.info("Refund of order {} is under way; message {} adds nothing", orderId,
					message.messageId());
			case REFUNDED -> replyAgain(message, orderId,
					new PaymentRefunded(orderId, String.valueOf(known.providerRefundId()), known.amountCents()));
			case FAILED -> throw new IllegalStateException(
					"Refund of order " + orderId + " is failed but was not made pending again");
		}
	}

	/**
	 * The saga asks to undo a charge whose outcome it never learnt ({@code chargeId} empty). The order is
	 * fenced first, so no later or redelivered {@code ChargePayment} can reach the provider; then the
	 * charge made, if any, is returned to be refunded. A charge still pending is given up and left
	 * unverified: if its request turns out to have charged, the charge is voided when the answer comes
	 * ({@link PaymentRecords#charged}) or, when the answer is lost, by {@link PaymentRecovery}.
	 *
	 * @return the settled charge to refund, or null when no money was taken as far as payments knows
	 */
	private @Nullable Charge cancelCharge(String orderId, long amountCents, IncomingMessage message) {

		if (charges.addCancelled(orderId, amountCents, CANCELLED)) {
			log.info("Order {} gave up its payment before any charge (message {}); no charge will be made",
					orderId, message.messageId());
			return null;
		}
		if (charges.cancelPending(orderId, CANCELLED)) {
			log.warn("Order {} gave up its payment while the charge was under way (message {}); "
					+ "any charge made will be voided", orderId, message.messageId());
			return null;
		}

		Charge known = charges.find(orderId).orElseThrow();
		return known.status() == Charge.Status.CHARGED ? known : null;
	}

	private void replyAgain(IncomingMessage message, String orderId, Object reply) {

		log.info("Order {} was settled before; answering message {} with {} again", orderId, message.messageId(),
				reply.getClass().getSimpleName());
		reply(message, orderId, reply);
	}

	private void reply(IncomingMessage message, String orderId, Object reply) {
		if (message.replyTo() != null) {
			outbox.send(message.replyTo(), orderId, reply);
		}
	}

	private static void afterCommit(Runnable work) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				work.run();
			}
		});
	}
}
