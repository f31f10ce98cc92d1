package dev.ficus.payments;

/**
 * Reply to {@link ChargePayment}: no money was taken, because the provider declined or stayed
 * unavailable after the retries the payments module allows itself.
 */
public record PaymentFailed(String orderId, String reason) {
}
