package dev.ficus.shipping;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ficus.messaging.MessageHandler;

/**
 * A handler for the messaging tests that holds every poller of its channel until a test lets it go, to
 * show that a stuck channel does not hold up the others.
 */
public class SlowHandler {

	public static final String CHANNEL = "slow-commands";

	private volatile CountDownLatch release = new CountDownLatch(0);

	private final CountDownLatch entered = new CountDownLatch(1);

	@MessageHandler(channel = CHANNEL)
	void on(Stall stall) throws InterruptedException {
		entered.countDown();
		release.await(30, TimeUnit.SECONDS);
	}

	public void hold() {
		release = new CountDownLatch(1);
	}

	public boolean awaitHeld() throws InterruptedException {
		return entered.await(30, TimeUnit.SECONDS);
	}

	public void release() {
		release.countDown();
	}

	public record Stall(int number) {
	}
}
