package dev.ficus.payments;

/** Reply to {@link RefundPayment}. */
public record PaymentRefunded(String orderId, String refundId, long amountCents) {
}
