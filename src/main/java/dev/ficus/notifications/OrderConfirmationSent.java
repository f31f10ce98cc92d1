package dev.ficus.notifications;

/** Reply to {@link SendOrderConfirmation}. */
public record OrderConfirmationSent(String orderId, String notificationId) {
}
