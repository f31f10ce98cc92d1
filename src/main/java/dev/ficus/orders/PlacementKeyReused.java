package dev.ficus.orders;

/**
 * An order is placed with an idempotency key that already placed a different order (another customer or
 * other lines). The key's stored answer usually catches this first; the order row catches it when that
 * answer was never stored or has expired.
 */
public class PlacementKeyReused extends RuntimeException {

	public PlacementKeyReused(String message) {
		super(message);
	}
}
