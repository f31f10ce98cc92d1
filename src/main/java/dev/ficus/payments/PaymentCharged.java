package dev.ficus.payments;

/** Reply to {@link ChargePayment}: the provider took the money. */
public record PaymentCharged(String orderId, String chargeId, long amountCents) {
}
