package dev.ficus.messaging.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * An in-process listener for the event publication tests: it fails the first delivery of a probe that asks
 * for it, and holds a delivery that a test wants to observe while it runs.
 */
class PublicationProbeListener {

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

	private final Map<String, CountDownLatch> running = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

	@ApplicationModuleListener
	void on(PublicationProbe probe) throws InterruptedException {

		calls.computeIfAbsent(probe.id(), id -> new AtomicInteger()).incrementAndGet();
		if (probe.failFirst() && failedOnce.add(probe.id())) {
			throw new IllegalStateException("Publication probe " + probe.id() + " fails its first delivery");
		}

		CountDownLatch release = releases.get(probe.id());
		if (release != null) {
			running.get(probe.id()).countDown();
			release.await(30, TimeUnit.SECONDS);
		}
	}

	/** Makes the next delivery of {@code id} wait until {@link #release(String)}. */
	void hold(String id) {
		running.put(id, new CountDownLatch(1));
		releases.put(id, new CountDownLatch(1));
	}

	boolean awaitRunning(String id) throws InterruptedException {
		return running.get(id).await(30, TimeUnit.SECONDS);
	}

	void release(String id) {
		releases.get(id).countDown();
	}

	int callsOf(String id) {
		return calls.getOrDefault(id, new AtomicInteger()).get();
	}

	record PublicationProbe(String id, boolean failFirst) {
	}
}
