package dev.ficus.payments;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.messaging.Outbox;

/**
 * A stand-in for the payments module in saga tests: charges and refunds in memory, idempotent per order
 * as the real one is, and declines or fails exactly where a test says so. Registered only by tests that
 * import it, never by component scanning.
 */
public class ScriptedPayments {

	private final Outbox outbox;

	private final Set<String> decliningCustomers = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> refundFailuresToCome = new ConcurrentHashMap<>();

	private final Map<String, PaymentCharged> charges = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> refunds = new ConcurrentHashMap<>();

	public ScriptedPayments(Outbox outbox) {
		this.outbox = outbox;
	}

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

	@MessageHandler(channel = "payments-commands")
	public void on(ChargePayment command, IncomingMessage message) {

		Object reply = decliningCustomers.contains(command.customerId())
				? new PaymentFailed(command.orderId(), "Card declined")
				: charges.computeIfAbsent(command.orderId(),
						order -> new PaymentCharged(order, "ch_" + UUID.randomUUID(), command.amountCents()));

		outbox.send(message.replyTo(), command.orderId(), reply, null);
	}

	@MessageHandler(channel = "payments-commands")
	public void on(RefundPayment command, IncomingMessage message) {

		var failures = refundFailuresToCome.get(command.orderId());
		if (failures != null && failures.getAndDecrement() > 0) {
			outbox.send(message.replyTo(), command.orderId(),
					new RefundFailed(command.orderId(), "Provider unavailable"), null);
			return;
		}

		var charge = charges.get(command.orderId());
		if (charge != null) {
			refunds.computeIfAbsent(command.orderId(), order -> new AtomicInteger()).compareAndSet(0, 1);
		}
		long amount = charge == null ? 0 : charge.amountCents();
		outbox.send(message.replyTo(), command.orderId(),
				new PaymentRefunded(command.orderId(), "re_" + command.orderId(), amount), null);
	}
}
