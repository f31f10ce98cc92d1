package dev.ficus.stack.bench;

import org.jspecify.annotations.Nullable;

/**
 * What one variant of the read path did.
 *
 * @param sent {@code GET /orders/{id}} requests sent
 * @param ok answered 200
 * @param notOk answered with another status, or not at all
 * @param firstFailure what the first request that was not answered 200 got
 * @param elapsedMillis from the first request sent until the last answer came
 */
record ReadFigures(String variant, int requested, int sent, int ok, int notOk, @Nullable String firstFailure,
		double elapsedMillis, LatencySummary gets) {

	double okPerSecond() {
		return elapsedMillis > 0 ? ok * 1000.0 / elapsedMillis : Double.NaN;
	}

	boolean complete() {
		return sent == requested && notOk == 0;
	}
}
