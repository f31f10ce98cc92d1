package dev.ficus.platform.resilience;

/**
 * The dependency answered, and refused the request for a reason that repeating it will not change (a 4xx
 * other than a business decline). Never retried; ignored by the circuit breaker, because a healthy
 * dependency that says no is still healthy.
 */
public class RemoteCallRejected extends RuntimeException {

	private final int status;

	public RemoteCallRejected(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The HTTP status the dependency answered with. */
	public int status() {
		return status;
	}
}
