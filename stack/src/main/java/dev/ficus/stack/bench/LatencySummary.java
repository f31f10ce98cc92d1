package dev.ficus.stack.bench;

import dev.ficus.stack.traffic.Latencies;

/**
 * The percentiles of one set of response times (nearest rank, as {@link Latencies} computes them), in
 * microseconds so the JSON keeps the precision the console rounds away.
 */
record LatencySummary(int count, long p50Micros, long p95Micros, long p99Micros, long maxMicros) {

	static LatencySummary of(Latencies latencies) {
		return new LatencySummary(latencies.count(), micros(latencies, 50), micros(latencies, 95),
				micros(latencies, 99), micros(latencies, 100));
	}

	private static long micros(Latencies latencies, double percent) {
		return latencies.percentile(percent).toNanos() / 1_000;
	}
}
