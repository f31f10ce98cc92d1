package dev.ficus.payments;

/** Reply to {@link RefundPayment}: the money was not returned yet; the saga will ask again. */
public record RefundFailed(String orderId, String reason) {
}
