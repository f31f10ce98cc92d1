package dev.ficus.stack.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.traffic.Api;
import dev.ficus.stack.traffic.Latencies;
import dev.ficus.stack.traffic.OrderStatus;
import tools.jackson.databind.JsonNode;

/**
 * The two kinds of load the bench measures, each a fixed number of requests sent by a fixed number of
 * workers in a closed loop (a worker sends its next request when the previous one is answered, with no
 * pause): order placement followed by waiting for every saga, and order reads. A phase stops sending at
 * its deadline, so {@code --max-duration} bounds the whole run.
 */
final class LoadPhases {

	/** How often the order list is read while waiting for the sagas; the time to terminal is this coarse. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	/** The largest page {@code GET /orders} serves. */
	private static final int LIST_LIMIT = 500;

	private final Api observer;

	private final int concurrency;

	/**
	 * @param observer the monolith itself, where the sagas' progress is read (the same for both variants)
	 * @param concurrency requests in flight at once
	 */
	LoadPhases(Api observer, int concurrency) {
		this.observer = observer;
		this.concurrency = concurrency;
	}

	/** The figures of a placement and the orders it placed, for the reads that follow. */
	record Placed(PlacementFigures figures, List<String> orderIds) {
	}

	/** Places every order of {@code bodies} through {@code target}, then waits until each saga is terminal. */
	Placed placeOrders(String variant, Api target, List<String> bodies, Instant deadline,
			Duration settleTimeout) {

		Latencies posts = new Latencies();
		Set<String> accepted = ConcurrentHashMap.newKeySet();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();

		long started = System.nanoTime();
		int sent = inClosedLoop(bodies.size(), deadline, index -> {
			Api.Response answer = target.post("/orders", bodies.get(index),
					Map.of("Idempotency-Key", UUID.randomUUID().toString()));
			posts.record(answer.latency());
			String orderId = answer.body().path("orderId").asString("");
			if (answer.isSuccess() && !orderId.isBlank()) {
				accepted.add(orderId);
			}
			else {
				(answer.status() >= 400 && answer.status() < 500 ? refused : failed).incrementAndGet();
				firstFailure.compareAndSet(null, answer.describe());
			}
		});
		double placementMillis = (System.nanoTime() - started) / 1e6;

		Instant settleDeadline = earlier(deadline, Instant.now().plus(settleTimeout));
		Settled settled = awaitTerminal(accepted, started, settleDeadline);
		var figures = new PlacementFigures(variant, bodies.size(), sent, accepted.size(), refused.get(), failed.get(),
				firstFailure.get(), placementMillis, LatencySummary.of(posts), settled.allTerminalMillis(),
				LatencySummary.of(settled.sagaDurations()), settled.completed(), settled.rejected(),
				accepted.size() - settled.completed() - settled.rejected());
		return new Placed(figures, List.copyOf(accepted));
	}

	/** Reads {@code count} orders through {@code target}, going round {@code orderIds}. */
	ReadFigures readOrders(String variant, Api target, List<String> orderIds, int count, Instant deadline) {

		if (orderIds.isEmpty()) {
			return new ReadFigures(variant, count, 0, 0, 0, "no order to read", 0, LatencySummary.of(new Latencies()));
		}
		Latencies gets = new Latencies();
		AtomicInteger ok = new AtomicInteger();
		AtomicInteger notOk = new AtomicInteger();
		AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();

		long started = System.nanoTime();
		int sent = inClosedLoop(count, deadline, index -> {
			Api.Response answer = target.get("/orders/" + orderIds.get(index % orderIds.size()));
			gets.record(answer.latency());
			if (answer.status() == 200) {
				ok.incrementAndGet();
			}
			else {
				notOk.incrementAndGet();
				firstFailure.compareAndSet(null, answer.describe());
			}
		});
		double elapsedMillis = (System.nanoTime() - started) / 1e6;
		return new ReadFigures(variant, count, sent, ok.get(), notOk.get(), firstFailure.get(), elapsedMillis,
				LatencySummary.of(gets));
	}

	/**
	 * Runs {@code request} for the indexes 0 to {@code count - 1} on {@code concurrency} workers, each taking
	 * the next index as soon as its last request was answered, until all are done or the deadline passed.
	 *
	 * @return how many requests were sent
	 */
	private int inClosedLoop(int count, Instant deadline, IntConsumer request) {

		AtomicInteger next = new AtomicInteger();
		AtomicInteger sent = new AtomicInteger();
		try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int worker = 0; worker < concurrency; worker++) {
				workers.submit(() -> {
					int index;
					while (Instant.now().isBefore(deadline) && (index = next.getAndIncrement()) < count) {
						sent.incrementAndGet();
						request.accept(index);
					}
				});
			}
		}
		return sent.get();
	}

	/**
	 * Reads the newest orders, the phase's own since nothing else places any meanwhile, every
	 * {@link #POLL_INTERVAL} until every saga of {@code orderIds} is terminal or the deadline passes. An order
	 * the list does not show (more than a page of them) is read on its own.
	 */
	private Settled awaitTerminal(Set<String> orderIds, long phaseStarted, Instant deadline) {

		Set<String> pending = new HashSet<>(orderIds);
		Latencies sagaDurations = new Latencies();
		int completed = 0;
		int rejected = 0;
		Double allTerminalMillis = pending.isEmpty() ? 0.0 : null;

		while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
			List<JsonNode> seen = new ArrayList<>();
			Api.Response page = observer.get("/orders?limit=" + Math.min(LIST_LIMIT, orderIds.size()));
			if (page.isSuccess()) {
				page.body().path("orders").forEach(seen::add);
			}
			Set<String> listed = new HashSet<>();
			seen.forEach(order -> listed.add(order.path("orderId").asString("")));
			readSingly(pending, listed, seen);

			for (JsonNode order : seen) {
				String orderId = order.path("orderId").asString("");
				OrderStatus status = OrderStatus.from(order);
				if (pending.contains(orderId) && status.isTerminal()) {
					pending.remove(orderId);
					if (status.state() == OrderStatus.State.COMPLETED) {
						completed++;
					}
					else {
						rejected++;
					}
					Duration saga = sagaDuration(order);
					if (saga != null) {
						sagaDurations.record(saga);
					}
				}
			}
			if (pending.isEmpty()) {
				allTerminalMillis = (System.nanoTime() - phaseStarted) / 1e6;
				break;
			}
			pause(POLL_INTERVAL);
		}
		return new Settled(allTerminalMillis, sagaDurations, completed, rejected);
	}

	/** Orders still pending that the page did not list, read one by one (a bounded number per poll). */
	private void readSingly(Set<String> pending, Set<String> listed, List<JsonNode> seen) {

		pending.stream()
				.filter(orderId -> !listed.contains(orderId))
				.limit(LIST_LIMIT)
				.toList()
				.forEach(orderId -> {
					Api.Response answer = observer.get("/orders/" + orderId);
					if (answer.isSuccess()) {
						seen.add(answer.body());
					}
				});
	}

	/**
	 * From the order's {@code placedAt} to the last {@code finishedAt} of its saga's steps, by the
	 * monolith's clock; {@code null} when the answer lacks them.
	 */
	static @Nullable Duration sagaDuration(JsonNode order) {

		try {
			Instant placed = Instant.parse(order.path("placedAt").asString(""));
			Instant last = null;
			for (JsonNode step : order.path("saga").path("steps")) {
				String finished = step.path("finishedAt").asString("");
				if (!finished.isBlank()) {
					Instant at = Instant.parse(finished);
					last = last == null || at.isAfter(last) ? at : last;
				}
			}
			return last == null || last.isBefore(placed) ? null : Duration.between(placed, last);
		}
		catch (DateTimeParseException unreadable) {
			return null;
		}
	}

	private record Settled(@Nullable Double allTerminalMillis, Latencies sagaDurations, int completed, int rejected) {
	}

	private static Instant earlier(Instant one, Instant other) {
		return one.isBefore(other) ? one : other;
	}

	private static void pause(Duration duration) {

		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
