package dev.ficus.payments;

/**
 * Money moved through the payment provider as the payments module recorded it. {@code chargedCents} counts
 * every charge the provider made, including one that was voided because its payment had been reported
 * failed; the void is among the refunds, so {@code netCents} is what customers paid for confirmed orders.
 */
public record PaymentTotals(long charges, long chargedCents, long refunds, long refundedCents, long netCents) {
}
