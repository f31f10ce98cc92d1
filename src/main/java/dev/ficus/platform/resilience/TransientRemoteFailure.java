package dev.ficus.platform.resilience;

/**
 * A remote call failed in a way that may go away: a 5xx answer, a refused connection, a timeout. Retried,
 * and counted as a failure by the dependency's circuit breaker.
 *
 * <p>The caller cannot tell from this alone whether the remote side did the work (a timeout may come
 * after it did), so calls that change state must be idempotent on the remote side.
 */
public class TransientRemoteFailure extends RuntimeException {

	public TransientRemoteFailure(String message, Throwable cause) {
		super(message, cause);
	}

	public TransientRemoteFailure(String message) {
		super(message);
	}
}
