package dev.ficus.messaging.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes the relay as soon as a transaction that wrote outbox rows commits, so a message leaves within
 * milliseconds instead of at the next poll.
 */
@Component
class RelayWakeUp {

	private final Semaphore signals = new Semaphore(0);

	void signal() {
		signals.release();
	}

	/** Waits for a signal or until {@code timeout}, then forgets the signals that piled up meanwhile. */
	void await(Duration timeout) throws InterruptedException {

		signals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
		signals.drainPermits();
	}
}
