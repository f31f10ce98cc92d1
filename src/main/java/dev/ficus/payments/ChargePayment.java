package dev.ficus.payments;

/**
 * Command on {@code payments-commands}: charge the customer through the payment provider. The order id
 * is the provider's idempotency key, so a redelivered command never charges twice. Replies
 * {@link PaymentCharged} or {@link PaymentFailed}.
 */
public record ChargePayment(String orderId, String customerId, long amountCents) {
}
