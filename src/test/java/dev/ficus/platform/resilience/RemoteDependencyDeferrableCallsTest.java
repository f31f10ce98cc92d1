package dev.ficus.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;

/**
 * What work that can wait (payment recovery) learns from a dependency: how many calls to hand it in each
 * breaker state, and when the breaker lets calls through again. The breaker is driven by its own state
 * transitions, so nothing here waits on a clock.
 */
class RemoteDependencyDeferrableCallsTest {

	private final ThreadPoolBulkhead bulkhead = ThreadPoolBulkhead.of("test", ThreadPoolBulkheadConfig.custom()
			.coreThreadPoolSize(2)
			.maxThreadPoolSize(2)
			.queueCapacity(3)
			.build());

	private final CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
			.permittedNumberOfCallsInHalfOpenState(1)
			.build());

	private final RemoteDependency dependency = new RemoteDependency("test", bulkhead, Retry.ofDefaults("test"),
			breaker, new RetryBudget(0.2, 10));

	@AfterEach
	void stopTheThreads() throws Exception {
		bulkhead.close();
	}

	@Test
	void handsOutTheBulkheadsRoomWhileClosedOneTrialCallWhileHalfOpenAndNoneWhileOpen() {

		assertThat(dependency.roomForDeferrableCalls()).isEqualTo(5);

		breaker.transitionToOpenState();
		assertThat(dependency.roomForDeferrableCalls()).isZero();

		breaker.transitionToHalfOpenState();
		assertThat(dependency.roomForDeferrableCalls()).isEqualTo(1);

		breaker.transitionToForcedOpenState();
		assertThat(dependency.roomForDeferrableCalls()).isZero();

		breaker.transitionToClosedState();
		assertThat(dependency.roomForDeferrableCalls()).isEqualTo(5);
	}

	@Test
	void handsOutOneTrialCallOnceAnOpenBreakersWaitIsOverWithoutAutomaticTransitions() {

		var clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
		CircuitBreaker manual = CircuitBreaker.of("manual", CircuitBreakerConfig.custom()
				.clock(clock)
				.waitDurationInOpenState(Duration.ofSeconds(10))
				.automaticTransitionFromOpenToHalfOpenEnabled(false)
				.permittedNumberOfCallsInHalfOpenState(1)
				.build());
		var waiting = new RemoteDependency("manual", bulkhead, Retry.ofDefaults("manual"), manual,
				new RetryBudget(0.2, 10));

		manual.transitionToOpenState();
		clock.now = clock.now.plusSeconds(9);
		assertThat(waiting.roomForDeferrableCalls()).isZero();
		assertThat(manual.getState()).isEqualTo(CircuitBreaker.State.OPEN);

		clock.now = clock.now.plusSeconds(2);
		assertThat(waiting.roomForDeferrableCalls()).isEqualTo(1);
		assertThat(manual.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

		// The permit was handed back: the trial call itself gets through.
		assertThat(waiting.call(() -> "trial")).isEqualTo("trial");
		assertThat(manual.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	/** A clock the test moves; the breaker reads its open wait from it. */
	private static final class SettableClock extends Clock {

		volatile Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	@Test
	void tellsWhenTheBreakerLetsCallsThroughAgain() {

		List<CircuitBreaker.State> admittedIn = new CopyOnWriteArrayList<>();
		dependency.whenCallsAdmittedAgain(() -> admittedIn.add(breaker.getState()));

		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		breaker.transitionToOpenState();
		breaker.transitionToHalfOpenState();
		breaker.transitionToClosedState();

		assertThat(admittedIn).containsExactly(CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.HALF_OPEN,
				CircuitBreaker.State.CLOSED);
	}

	@Test
	void countsRefusalsByTheBreakerOrTheBulkheadButNotAnswers() {

		breaker.transitionToOpenState();
		Throwable refusedByTheBreaker = catchThrowable(() -> dependency.call(() -> "never runs"));

		assertThat(refusedByTheBreaker).isInstanceOf(CallNotPermittedException.class);
		assertThat(RemoteDependency.isRefusal(refusedByTheBreaker)).isTrue();
		assertThat(RemoteDependency.isRefusal(new CompletionException(refusedByTheBreaker))).isTrue();
		assertThat(RemoteDependency.isRefusal(BulkheadFullException.createBulkheadFullException(bulkhead)))
				.isTrue();
		assertThat(RemoteDependency.isRefusal(new TransientRemoteFailure("read timed out"))).isFalse();
		assertThat(RemoteDependency.isRefusal(new CompletionException(new RemoteCallRejected(404, "unknown charge"))))
				.isFalse();
	}
}
