package dev.ficus.payments;

/**
 * Compensation on {@code payments-commands}: give back a charge. Replies {@link PaymentRefunded} or
 * {@link RefundFailed}; the saga retries a failed refund.
 */
public record RefundPayment(String orderId, String chargeId, long amountCents) {
}
