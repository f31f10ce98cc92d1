package dev.ficus.stack.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Response times of one kind of request; percentiles by the nearest-rank method. */
public final class Latencies {

	private final List<Long> micros = new ArrayList<>();

	public synchronized void record(Duration latency) {
		micros.add(latency.toNanos() / 1_000);
	}

	public synchronized int count() {
		return micros.size();
	}

	/**
	 * The smallest recorded latency that at least {@code percent} percent of all recorded ones do not
	 * exceed; zero when nothing was recorded.
	 */
	public synchronized Duration percentile(double percent) {

		if (micros.isEmpty()) {
			return Duration.ZERO;
		}
		List<Long> sorted = new ArrayList<>(micros);
		Collections.sort(sorted);

		int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return Duration.ofNanos(sorted.get(Math.max(rank, 1) - 1) * 1_000);
	}
}
