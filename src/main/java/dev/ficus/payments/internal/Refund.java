package dev.ficus.payments.internal;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code payments.refund}: the saga's compensation for an order, or the void of a charge that
 * was found at the provider after {@code PaymentFailed} had been sent ({@code void}, nobody to reply to).
 */
record Refund(String orderId, String providerChargeId, long amountCents, Status status,
		@Nullable String providerRefundId, @Nullable String reason, boolean voidOfFailedCharge,
		@Nullable String replyTo, int attempts) {

	/** The provider's idempotency key for the refund of this order: one refund per order, ever. */
	String idempotencyKey() {
		return "refund-" + orderId;
	}

	enum Status {
		PENDING, REFUNDED, FAILED
	}
}
