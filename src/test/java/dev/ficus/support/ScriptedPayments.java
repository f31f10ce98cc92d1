package dev.ficus.support;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.payments.PaymentFailed;
import dev.ficus.payments.PaymentRefunded;
import dev.ficus.payments.RefundFailed;
import dev.ficus.payments.RefundPayment;

/**
 * Answers payment commands in tests that deliver messages by hand ({@link InProcessDelivery}), in place of
 * the payments module, whose provider calls finish on threads of their own: charges and refunds in memory,
 * idempotent per order as the real ones are, declined or failed exactly where a test says so.
 */
public class ScriptedPayments {

	private final Set<String> decliningCustomers = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> refundFailuresToCome = new ConcurrentHashMap<>();

	private final Map<String, PaymentCharged> charges = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> refunds = new ConcurrentHashMap<>();

	/** Declines every charge for this customer. */
	public void decline(String customerId) {
		decliningCustomers.add(customerId);
	}

	/** Fails the next {@code times} refunds of this order. */
	public void failRefunds(String orderId, int times) {
		refundFailuresToCome.put(orderId, new AtomicInteger(times));
	}

	public boolean charged(String orderId) {
		return charges.containsKey(orderId);
	}

	/** How often money actually went back for this order (at most once, if refunds are idempotent). */
	public int refundsOf(String orderId) {
		return refunds.getOrDefault(orderId, new AtomicInteger()).get();
	}

	/** The reply to a charge: declined for declining customers, else charged once per order. */
	public Object charge(ChargePayment command) {
		return decliningCustomers.contains(command.customerId())
				? new PaymentFailed(command.orderId(), "Card declined")
				: charges.computeIfAbsent(command.orderId(),
						order -> new PaymentCharged(order, "ch_" + UUID.randomUUID(), command.amountCents()));
	}

	/** The reply to a refund: failed while failures are scripted, else refunded (once, whatever was charged). */
	public Object refund(RefundPayment command) {

		var failures = refundFailuresToCome.get(command.orderId());
		if (failures != null && failures.getAndDecrement() > 0) {
			return new RefundFailed(command.orderId(), "Provider unavailable");
		}

		var charge = charges.get(command.orderId());
		if (charge != null) {
			refunds.computeIfAbsent(command.orderId(), order -> new AtomicInteger()).compareAndSet(0, 1);
		}
		return new PaymentRefunded(command.orderId(), "re_" + command.orderId(),
				charge == null ? 0 : charge.amountCents());
	}
}
