package dev.ficus.stack.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class LatenciesTest {

	@Test
	void takesTheNearestRankOfTheSortedResponseTimes() {

		Latencies latencies = new Latencies();
		// 1 to 20 ms, recorded out of order.
		List.of(20, 3, 17, 1, 9, 14, 6, 11, 2, 19, 8, 16, 4, 13, 7, 18, 5, 12, 10, 15)
				.forEach(millis -> latencies.record(Duration.ofMillis(millis)));

		assertThat(latencies.count()).isEqualTo(20);
		// Rank ceil(p/100 * 20): 10 for p50, 19 for p95, 20 for p99 and p100.
		assertThat(latencies.percentile(50)).isEqualTo(Duration.ofMillis(10));
		assertThat(latencies.percentile(95)).isEqualTo(Duration.ofMillis(19));
		assertThat(latencies.percentile(99)).isEqualTo(Duration.ofMillis(20));
		assertThat(latencies.percentile(100)).isEqualTo(Duration.ofMillis(20));
		assertThat(latencies.percentile(1)).isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void keepsMicrosecondsAndAnswersZeroWhenNothingWasRecorded() {

		Latencies latencies = new Latencies();
		assertThat(latencies.percentile(50)).isEqualTo(Duration.ZERO);

		latencies.record(Duration.ofNanos(1_234_567));
		latencies.record(Duration.ofNanos(2_345_678));
		latencies.record(Duration.ofNanos(3_456_789));

		assertThat(latencies.percentile(50)).isEqualTo(Duration.ofNanos(2_345_000));
		assertThat(latencies.percentile(34)).isEqualTo(Duration.ofNanos(2_345_000));
		assertThat(latencies.percentile(33)).isEqualTo(Duration.ofNanos(1_234_000));
	}
}
