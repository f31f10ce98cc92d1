package dev.ficus.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

	@Test
	void allowsOneRetryPerFiveCallsOnceTheSavedRetriesAreSpent() {

		var budget = new RetryBudget(0.2, 2);
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isFalse();

		IntStream.range(0, 5).forEach(call -> budget.deposit());

		assertThat(budget.tryWithdraw()).isTrue();
		assertThat(budget.tryWithdraw()).isFalse();
	}

	@Test
	void savesNoMoreRetriesThanItsCapacity() {

		var budget = new RetryBudget(1, 3);
		IntStream.range(0, 100).forEach(call -> budget.deposit());

		assertThat(budget.available()).isEqualTo(3);
	}

	@Test
	void rejectsARatioAboveOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(1.5, 10)).withMessageContaining("1.5");
	}

	@Test
	void waitsAtMostTheExponentialWindowAndUsesAllOfIt() {

		var backoff = new FullJitterBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));

		var waits = IntStream.range(0, 2000).mapToLong(sample -> backoff.apply(3)).summaryStatistics();
		assertThat(waits.getMin()).isGreaterThanOrEqualTo(0).isLessThan(100);
		assertThat(waits.getMax()).isLessThanOrEqualTo(400).isGreaterThan(300);

		var capped = IntStream.range(0, 2000).mapToLong(sample -> backoff.apply(20)).max().orElseThrow();
		assertThat(capped).isLessThanOrEqualTo(1000);
	}
}
