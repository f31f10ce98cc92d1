package dev.ficus.inventory;

/**
 * Command on {@code inventory-commands} once an order is confirmed: its reserved stock leaves as shipped.
 * Replies {@link ReservationCommitted}.
 */
public record CommitReservation(String orderId) {
}
