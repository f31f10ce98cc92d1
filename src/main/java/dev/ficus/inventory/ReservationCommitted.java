package dev.ficus.inventory;

/** Reply to {@link CommitReservation}. */
public record ReservationCommitted(String orderId) {
}
