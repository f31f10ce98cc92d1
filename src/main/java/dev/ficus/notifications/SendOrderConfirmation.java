package dev.ficus.notifications;

/**
 * Command on {@code notifications-commands}: tell the customer the order is confirmed. Sent once per
 * order however often it is delivered. Replies {@link OrderConfirmationSent}.
 */
public record SendOrderConfirmation(String orderId, String customerId, long totalCents) {
}
