package dev.ficus.platform.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * One downstream dependency (the payment provider, later each extracted service) and the resilience
 * around every call to it, always in this order, outermost first:
 *
 * <ol>
 * <li><b>thread-pool bulkhead</b>: the call runs on the dependency's own threads, with a bounded queue;
 * a slow dependency fills its own pool and nobody else's. A full bulkhead rejects the call before the
 * breaker sees it, so rejections never open the breaker.
 * <li><b>retry</b> with full-jitter exponential backoff, at most {@code maxAttempts} attempts, and a
 * {@link RetryBudget}: attempts after the first are made only while the budget has a retry left.
 * <li><b>circuit breaker</b>: sees every attempt, so its failure rate is the dependency's real failure
 * rate; once open it rejects attempts at once, and the retry does not retry a rejection.
 * <li>the call itself, with the HTTP client's connect and read timeouts.
 * </ol>
 *
 * <p>So one logical call that fails three times counts three failures in the breaker. See
 * {@code docs/resilience.md}.
 */
public final class RemoteDependency {

	private final String name;

	private final ThreadPoolBulkhead bulkhead;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final RetryBudget retryBudget;

	RemoteDependency(String name, ThreadPoolBulkhead bulkhead, Retry retry, CircuitBreaker circuitBreaker,
			RetryBudget retryBudget) {
		this.name = name;
		this.bulkhead = bulkhead;
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
		this.retryBudget = retryBudget;
	}

	/**
	 * Runs {@code call} on the dependency's threads behind its retry and circuit breaker.
	 *
	 * @return the call's result, or a future failed with the last attempt's exception, a
	 *         {@link io.github.resilience4j.circuitbreaker.CallNotPermittedException} (breaker open), a
	 *         {@link RetryBudgetExhausted}, or a {@link BulkheadFullException}
	 */
	public <T> CompletableFuture<T> submit(Supplier<T> call) {
		try {
			return bulkhead.executeSupplier(() -> withRetryAndBreaker(call)).toCompletableFuture();
		}
		catch (BulkheadFullException e) {
			return CompletableFuture.failedFuture(e);
		}
	}

	/** {@link #submit(Supplier)}, waiting for the result; the caller's thread only waits. */
	public <T> T call(Supplier<T> call) {
		try {
			return submit(call).join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw e;
		}
	}

	/**
	 * How many calls work that can wait (recovery, sweeps) should hand the dependency now: none while the
	 * breaker is open, since it would refuse every one; a single one while it is half-open or open with its
	 * wait over, the trial call that closes or reopens it; otherwise what the bulkhead can still run or
	 * queue, so that such work never pushes live calls out of the pool. Live calls are never held back by
	 * this.
	 */
	public int roomForDeferrableCalls() {

		var metrics = bulkhead.getMetrics();
		int bulkheadRoom = Math.max(0, metrics.getAvailableThreadCount() + metrics.getRemainingQueueCapacity());
		return switch (circuitBreaker.getState()) {
			case OPEN -> isOpenWaitOver() ? Math.min(bulkheadRoom, 1) : 0;
			case FORCED_OPEN -> 0;
			case HALF_OPEN -> Math.min(bulkheadRoom, 1);
			case CLOSED, DISABLED, METRICS_ONLY -> bulkheadRoom;
		};
	}

	/**
	 * Whether an open breaker would let a trial call through now. Without automatic transitions it stays
	 * open until a call asks after the wait; asking for a permission is that question: it turns the
	 * breaker half-open, and the permission goes straight back so that the trial call itself can take it.
	 */
	private boolean isOpenWaitOver() {

		if (!circuitBreaker.tryAcquirePermission()) {
			return false;
		}
		circuitBreaker.releasePermission();
		return true;
	}

	/**
	 * Runs {@code action} each time the breaker lets calls through again: when it turns half-open (after
	 * its open wait, by itself or at the next call, as configured) and when it closes. Work that waits for
	 * the dependency starts then, rather than at its next scheduled round: with automatic transitions and
	 * no other traffic the breaker cycles between open and a short half-open phase, and a schedule whose
	 * period is a multiple of that cycle can fall into the open phase every time (docs/fault-suite.md,
	 * {@code provider-timeout}). The action runs on the thread that made the transition, a breaker timer
	 * or a call's thread, so it must only hand the work off.
	 */
	public void whenCallsAdmittedAgain(Runnable action) {
		circuitBreaker.getEventPublisher().onStateTransition(event -> {
			CircuitBreaker.State to = event.getStateTransition().getToState();
			if (to == CircuitBreaker.State.HALF_OPEN || to == CircuitBreaker.State.CLOSED) {
				action.run();
			}
		});
	}

	/**
	 * Whether a call ended refused rather than answered: by the full bulkhead before any attempt, or by
	 * the breaker, before any attempt or at a retry. The dependency said nothing about the call's work,
	 * so work that can wait should wait for the breaker rather than count the call as a try.
	 */
	public static boolean isRefusal(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null
				? failure.getCause()
				: failure;
		return cause instanceof CallNotPermittedException || cause instanceof BulkheadFullException;
	}

	private <T> T withRetryAndBreaker(Supplier<T> call) {

		retryBudget.deposit();
		var attempts = new AtomicInteger();
		var lastFailure = new AtomicReference<RuntimeException>();

		return retry.executeSupplier(() -> {
			if (attempts.incrementAndGet() > 1 && !retryBudget.tryWithdraw()) {
				throw new RetryBudgetExhausted(name, lastFailure.get());
			}
			try {
				return circuitBreaker.executeSupplier(call);
			}
			catch (RuntimeException e) {
				lastFailure.set(e);
				throw e;
			}
		});
	}

	public String name() {
		return name;
	}

	public CircuitBreaker circuitBreaker() {
		return circuitBreaker;
	}

	public Retry retry() {
		return retry;
	}

	public ThreadPoolBulkhead bulkhead() {
		return bulkhead;
	}

	public RetryBudget retryBudget() {
		return retryBudget;
	}
}
