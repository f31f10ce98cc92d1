package dev.ficus.stack.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import tools.jackson.databind.JsonNode;

/**
 * Drives orders through the platform: stocks a catalog, registers customers, places orders at a bounded
 * rate and concurrency (with a few retries under the same idempotency key and a few malformed requests),
 * then waits, bounded, until every order's saga has finished. Writes go through {@code traffic} (the
 * gateway when it runs); reads for bookkeeping through {@code observer} (the monolith when known).
 */
public final class TrafficDriver {

	/**
	 * One accepted order in this many, starting with the first, is sent a second time with the same
	 * idempotency key.
	 */
	private static final int RETRY_EVERY = 25;

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

	private final Api traffic;

	private final Api observer;

	private final @Nullable Api provider;

	private final DriverOptions options;

	private final Consumer<String> console;

	private final Random random;

	private final OrderBook book = new OrderBook();

	private final AtomicInteger accepted = new AtomicInteger();

	private Duration retryUnansweredFor = Duration.ZERO;

	/**
	 * @param provider the payment provider simulator, when its ledger and admin endpoint can be reached
	 */
	public TrafficDriver(Api traffic, Api observer, @Nullable Api provider, DriverOptions options,
			Consumer<String> console) {
		this.traffic = traffic;
		this.observer = observer;
		this.provider = provider;
		this.options = options;
		this.console = console;
		this.random = new Random(options.seed());
	}

	/**
	 * Sends an order whose answer was lost (no answer, a 5xx, or 409 while its key is still held) again
	 * with the same idempotency key, once a second, for up to {@code within}, the way a careful client
	 * does. Without this an order that committed just before a crash would be one the driver never
	 * learns of. The fault suite uses it; {@code run} does not (zero, the default).
	 */
	public TrafficDriver retryingUnansweredOrdersFor(Duration within) {
		this.retryUnansweredFor = within;
		return this;
	}

	/** Runs every phase and reports what happened; never throws for what the platform answers. */
	public TrafficReport run() {

		Map<String, StockLevel> before = inventory();
		Long moduleNetBefore = PaymentLedgers.moduleNet(observer);
		injectProviderFaults();
		Map<String, CatalogItem> catalog = stock(CatalogItem.plan(options.skus(), random));
		Map<String, Integer> added = new LinkedHashMap<>();
		catalog.values().forEach(item -> added.put(item.sku(), item.addStock()));

		List<String> customers = registerCustomers();
		if (catalog.isEmpty() || customers.isEmpty()) {
			console.accept("  no catalog or no customers: no orders are placed");
			return new TrafficReport(book, before, added, inventory(), Duration.ZERO, Duration.ZERO, null, null);
		}

		Instant trafficStarted = Instant.now();
		ScheduledExecutorService background = Executors.newScheduledThreadPool(2, Thread.ofPlatform()
				.daemon()
				.name("driver-background-", 0)
				.factory());
		try {
			background.scheduleWithFixedDelay(this::pollPending, 1, 1, TimeUnit.SECONDS);
			background.scheduleAtFixedRate(this::printProgress, PROGRESS_INTERVAL.toMillis(),
					PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);

			probeMalformedRequests(customers.getFirst(), catalog.values().iterator().next());
			placeOrders(new ArrayList<>(catalog.values()), customers);
			Duration trafficTime = Duration.between(trafficStarted, Instant.now());

			console.accept("  traffic stopped after %.1f s; waiting up to %d s for every saga to finish"
					.formatted(trafficTime.toMillis() / 1000.0, options.settleTimeout().toSeconds()));
			Instant settleStarted = Instant.now();
			awaitSettled();
			Duration settleTime = Duration.between(settleStarted, Instant.now());
			printProgress();

			Long moduleNetAfter = PaymentLedgers.moduleNet(observer);
			return new TrafficReport(book, before, added, inventory(), trafficTime, settleTime, providerNet(),
					moduleNetBefore == null || moduleNetAfter == null ? null : moduleNetAfter - moduleNetBefore);
		}
		finally {
			background.shutdownNow();
		}
	}

	/** Makes the provider fail and decline a share of charges, so some sagas retry and compensate. */
	private void injectProviderFaults() {

		if (provider == null) {
			console.accept("  no payment provider simulator known: its faults and ledger are not used");
			return;
		}
		Api.Response answer = provider.put("/admin/faults", Map.of("failureRate", options.providerFailureRate(),
				"declineRate", options.providerDeclineRate()));
		console.accept(answer.isSuccess()
				? "  payment provider fails %.0f%% and declines %.0f%% of charges".formatted(
						options.providerFailureRate() * 100, options.providerDeclineRate() * 100)
				: "  could not set the payment provider's faults: " + answer.describe());
	}

	private @Nullable Long providerNet() {

		if (provider == null) {
			return null;
		}
		Api.Response statement = provider.get("/v1/ledger");
		Set<String> orderIds = new HashSet<>();
		book.orders().forEach(order -> orderIds.add(order.orderId()));
		return statement.isSuccess() ? PaymentLedgers.providerNetForOrders(statement.body(), orderIds) : null;
	}

	/** {@code GET /inventory/items} as stock levels by SKU; empty when it cannot be read. */
	Map<String, StockLevel> inventory() {

		Api.Response response = observer.get("/inventory/items");
		if (!response.isSuccess()) {
			console.accept("  could not read the inventory: " + response.describe());
			return Map.of();
		}
		var levels = new HashMap<String, StockLevel>();
		for (JsonNode item : response.body().path("items")) {
			levels.put(item.path("sku").asString(), new StockLevel(item.path("onHand").asInt(),
					item.path("reserved").asInt(), item.path("shipped").asInt()));
		}
		return levels;
	}

	private Map<String, CatalogItem> stock(List<CatalogItem> plan) {

		var stocked = new LinkedHashMap<String, CatalogItem>();
		List<Api.Response> answers = inParallel(plan.stream()
				.map(item -> (Callable<Api.Response>) () -> traffic.put("/inventory/items/" + item.sku(),
						Map.of("name", item.name(), "priceCents", item.priceCents(), "addStock", item.addStock()),
						freshKey()))
				.toList());

		for (int index = 0; index < plan.size(); index++) {
			if (answers.get(index).isSuccess()) {
				stocked.put(plan.get(index).sku(), plan.get(index));
			}
			else if (stocked.isEmpty() && index == 0) {
				console.accept("  stocking " + plan.get(index).sku() + " failed: " + answers.get(index).describe());
			}
		}
		long scarce = stocked.values().stream().filter(CatalogItem::isScarce).count();
		console.accept("  catalog: %d of %d SKUs stocked (%d with only a few units)".formatted(stocked.size(),
				plan.size(), scarce));
		return stocked;
	}

	private List<String> registerCustomers() {

		String run = Long.toString(System.currentTimeMillis(), 36);
		List<Api.Response> answers = inParallel(IntStream.range(0, options.customers())
				.mapToObj(index -> (Callable<Api.Response>) () -> traffic.post("/customers",
						Map.of("name", "Customer " + index, "email", "customer-%d-%s@ficus.test".formatted(index, run)),
						freshKey()))
				.toList());

		List<String> ids = answers.stream()
				.filter(Api.Response::isSuccess)
				.map(response -> response.body().path("id").asString(""))
				.filter(id -> !id.isBlank())
				.toList();
		console.accept("  customers: %d of %d registered".formatted(ids.size(), options.customers()));
		if (ids.isEmpty() && !answers.isEmpty()) {
			console.accept("    first answer: " + answers.getFirst().describe());
		}
		return ids;
	}

	private void placeOrders(List<CatalogItem> catalog, List<String> customers) {

		RateLimiter limiter = RateLimiter.of("orders", RateLimiterConfig.custom()
				.limitForPeriod(1)
				.limitRefreshPeriod(Duration.ofNanos((long) (1_000_000_000L / options.ratePerSecond())))
				.timeoutDuration(options.maxDuration())
				.build());
		Instant deadline = Instant.now().plus(options.maxDuration());
		AtomicInteger next = new AtomicInteger();

		try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int worker = 0; worker < options.concurrency(); worker++) {
				workers.submit(() -> {
					while (next.getAndIncrement() < options.orders() && Instant.now().isBefore(deadline)
							&& limiter.acquirePermission()) {
						placeOne(catalog, customers);
					}
				});
			}
		}
		if (next.get() < options.orders()) {
			console.accept("  hard limit of %d s reached: %d orders were not sent".formatted(
					options.maxDuration().toSeconds(), options.orders() - Math.min(next.get(), options.orders())));
		}
	}

	private void placeOne(List<CatalogItem> catalog, List<String> customers) {

		List<OrderLine> lines = new ArrayList<>();
		long total = 0;
		for (CatalogItem item : pickItems(catalog)) {
			int quantity = 1 + randomInt(3);
			lines.add(new OrderLine(item.sku(), quantity));
			total += item.priceCents() * quantity;
		}
		String customer = customers.get(randomInt(customers.size()));
		// Serialized once, so a retry sends the very same bytes under the same key.
		String body = Api.JSON.writeValueAsString(Map.of("customerId", customer, "lines", lines));
		String key = UUID.randomUUID().toString();

		Api.Response answer = placeUntilAnswered(body, key);
		String orderId = orderId(answer);
		if (answer.isSuccess() && orderId != null) {
			book.accepted(key, orderId, lines, total);
			if (accepted.incrementAndGet() % RETRY_EVERY == 1) {
				// The check's own repeat is sent again while unanswered too (the monolith may be down at
				// that moment): only an answer says whether the key found the first order.
				Api.Response retry = placeUntilAnswered(body, key);
				book.retried(key, orderId, retry.status(), orderId(retry));
			}
		}
		else if (answer.status() >= 400 && answer.status() < 500) {
			book.rejectedAtEdge(answer.status());
		}
		else {
			book.failed("POST /orders: " + answer.describe());
		}
	}

	/**
	 * Posts the order, and again under the same key once a second while it gets no answer, a 5xx or a
	 * 409 (the key still held by a request that died), for as long as the driver is told to.
	 */
	private Api.Response placeUntilAnswered(String body, String key) {

		Api.Response answer = traffic.post("/orders", body, Map.of("Idempotency-Key", key));
		book.latency(answer.latency());
		Instant retryUntil = Instant.now().plus(retryUnansweredFor);
		while (isUnanswered(answer) && Instant.now().isBefore(retryUntil)) {
			book.failed("POST /orders (sent again with key " + key + "): " + answer.describe());
			pause(Duration.ofSeconds(1));
			answer = traffic.post("/orders", body, Map.of("Idempotency-Key", key));
		}
		return answer;
	}

	private static boolean isUnanswered(Api.Response answer) {
		return answer.status() == 0 || answer.status() >= 500 || answer.status() == 409;
	}

	/** One to three distinct SKUs; one order in eight asks for a scarce one, so some run out. */
	private List<CatalogItem> pickItems(List<CatalogItem> catalog) {

		List<CatalogItem> scarce = catalog.stream().filter(CatalogItem::isScarce).toList();
		var picked = new LinkedHashMap<String, CatalogItem>();
		int count = 1 + randomInt(3);
		while (picked.size() < Math.min(count, catalog.size())) {
			boolean wantScarce = !scarce.isEmpty() && picked.isEmpty() && randomInt(8) == 0;
			CatalogItem item = wantScarce
					? scarce.get(randomInt(scarce.size()))
					: catalog.get(randomInt(catalog.size()));
			picked.putIfAbsent(item.sku(), item);
		}
		return List.copyOf(picked.values());
	}

	/**
	 * Requests the platform must refuse at the edge with a problem+json 4xx. A malformed order that is
	 * accepted after all is booked like any other, so the stock checks stay exact.
	 */
	private void probeMalformedRequests(String customer, CatalogItem item) {

		Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
		probe("order without lines", "{\"customerId\":\"%s\",\"lines\":[]}".formatted(customer), key, List.of());
		probe("order with quantity 0", "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\"%s\",\"quantity\":0}]}"
				.formatted(customer, item.sku()), Map.of("Idempotency-Key", UUID.randomUUID().toString()),
				List.of(new OrderLine(item.sku(), 0)));
		probe("body that is not JSON", "{\"customerId\": ", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
				List.of());
		probe("order without Idempotency-Key", "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\"%s\",\"quantity\":1}]}"
				.formatted(customer, item.sku()), Map.of(), List.of(new OrderLine(item.sku(), 1)));
	}

	private void probe(String description, String body, Map<String, String> headers, List<OrderLine> lines) {

		Api.Response answer = traffic.post("/orders", body, headers);
		book.probed(description, answer.status(), answer.isProblem());

		String orderId = orderId(answer);
		if (answer.isSuccess() && orderId != null) {
			book.accepted(headers.getOrDefault("Idempotency-Key", "probe:" + description), orderId, lines, 0);
		}
	}

	private void pollPending() {

		try {
			List<OrderBook.Order> pending = book.pending();
			List<Callable<Api.Response>> reads = pending.stream()
					.limit(200)
					.map(order -> (Callable<Api.Response>) () -> observer.get(
							"/orders/" + order.orderId()))
					.toList();
			List<Api.Response> answers = inParallel(reads);
			for (int index = 0; index < answers.size(); index++) {
				if (answers.get(index).isSuccess()) {
					book.observed(pending.get(index).orderId(), OrderStatus.from(answers.get(index).body()));
				}
			}
		}
		catch (RuntimeException ex) {
			// A failed poll is retried on the next tick; the settle bound decides in the end.
			console.accept("  polling order status failed: " + ex.getMessage());
		}
	}

	private void awaitSettled() {

		Instant deadline = Instant.now().plus(options.settleTimeout());
		while (!book.pending().isEmpty() && Instant.now().isBefore(deadline)) {
			pollPending();
			pause(Duration.ofMillis(500));
		}
	}

	private void printProgress() {

		OrderBook.Tally tally = book.tally();
		Latencies latencies = book.placementLatencies();
		console.accept("  orders %4d/%d placed  %4d completed  %4d rejected  %4d pending  %3d 4xx  %3d errors"
				.formatted(tally.placed(), options.orders(), tally.completed(), tally.rejected(), tally.pending(),
						book.edgeRejections().values().stream().mapToInt(Integer::intValue).sum(), book.errors())
				+ "  POST /orders p50 %d ms p95 %d ms".formatted(latencies.percentile(50).toMillis(),
						latencies.percentile(95).toMillis()));
	}

	private List<Api.Response> inParallel(List<Callable<Api.Response>> calls) {

		var permits = new Semaphore(options.concurrency());
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Api.Response>> futures = calls.stream()
					.map(call -> executor.submit(() -> {
						permits.acquire();
						try {
							return call.call();
						}
						finally {
							permits.release();
						}
					}))
					.toList();
			List<Api.Response> answers = new ArrayList<>();
			for (Future<Api.Response> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending requests", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A request could not be sent", ex.getCause());
		}
	}

	private static Map<String, String> freshKey() {
		return Map.of("Idempotency-Key", UUID.randomUUID().toString());
	}

	private static @Nullable String orderId(Api.Response answer) {

		String id = answer.body().path("orderId").asString("");
		return id.isBlank() ? null : id;
	}

	private int randomInt(int bound) {
		synchronized (random) {
			return random.nextInt(bound);
		}
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
