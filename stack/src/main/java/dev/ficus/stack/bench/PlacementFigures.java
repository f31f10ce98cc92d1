package dev.ficus.stack.bench;

import org.jspecify.annotations.Nullable;

/**
 * What one variant of the order placement did.
 *
 * @param sent {@code POST /orders} requests sent (fewer than requested when {@code --max-duration} cut
 *     the phase)
 * @param accepted answered 202 with an order id
 * @param refused answered with a 4xx
 * @param failed answered with a 5xx, or not at all
 * @param firstFailure what the first failed or refused request got, for the console
 * @param placementMillis from the first request sent until the last answer came
 * @param posts the response times of every {@code POST /orders}
 * @param allTerminalMillis from the first request sent until a status poll found every accepted order's
 *     saga terminal; {@code null} when some were still running at the settle bound
 * @param sagaDurations per terminal saga, from the order's {@code placedAt} to its last step's
 *     {@code finishedAt}, as the monolith recorded them
 * @param completed accepted orders COMPLETED
 * @param rejected accepted orders REJECTED (their sagas compensated)
 * @param pending accepted orders whose saga was not terminal at the settle bound
 */
record PlacementFigures(String variant, int requested, int sent, int accepted, int refused, int failed,
		@Nullable String firstFailure, double placementMillis, LatencySummary posts, @Nullable Double allTerminalMillis,
		LatencySummary sagaDurations, int completed, int rejected, int pending) {

	/** Accepted orders per second of placement. */
	double acceptedPerSecond() {
		return placementMillis > 0 ? accepted * 1000.0 / placementMillis : Double.NaN;
	}

	/** Terminal sagas per second, counted from the first order sent until the last saga finished. */
	double sagasPerSecond() {
		return allTerminalMillis != null && allTerminalMillis > 0 ? (completed + rejected) * 1000.0 / allTerminalMillis
				: Double.NaN;
	}

	/** How long the sagas ran on after the last order was answered. */
	double drainMillis() {
		return allTerminalMillis != null ? allTerminalMillis - placementMillis : Double.NaN;
	}

	boolean complete() {
		return sent == requested && failed == 0 && refused == 0 && pending == 0;
	}
}
