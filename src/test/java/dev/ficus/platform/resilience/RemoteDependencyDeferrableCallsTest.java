package dev.ficus.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
