package dev.ficus.stack.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The driver's record of everything it sent and what became of it: accepted orders and their latest
 * status, answers refused at the edge, failures, idempotent retries and malformed probes. Thread-safe;
 * the invariant checks and the summary read it after traffic stops.
 */
public final class OrderBook {

	private final Map<String, Order> orders = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicInteger> edgeRejections = new ConcurrentHashMap<>();

	private final AtomicInteger errors = new AtomicInteger();

	private final List<String> errorSamples = new ArrayList<>();

	private final List<Retry> retries = new ArrayList<>();

	private final List<Probe> probes = new ArrayList<>();

	private final Latencies placementLatencies = new Latencies();

	/** Records an order the platform accepted (202) under {@code idempotencyKey}. */
	public void accepted(String idempotencyKey, String orderId, List<OrderLine> lines, long expectedTotalCents) {
		orders.put(orderId, new Order(orderId, idempotencyKey, List.copyOf(lines), expectedTotalCents));
	}

	/** Records a well-formed order the platform refused with a 4xx. */
	public void rejectedAtEdge(int status) {
		edgeRejections.computeIfAbsent(status, any -> new AtomicInteger()).incrementAndGet();
	}

	/** Records a 5xx, a timeout or a refused connection. */
	public void failed(String description) {

		errors.incrementAndGet();
		synchronized (errorSamples) {
			if (errorSamples.size() < 10) {
				errorSamples.add(description);
			}
		}
	}

	public void latency(java.time.Duration latency) {
		placementLatencies.record(latency);
	}

	/** Records the second sending of an accepted order's request with the same idempotency key. */
	public void retried(String idempotencyKey, String firstOrderId, int status, @Nullable String orderId) {
		synchronized (retries) {
			retries.add(new Retry(idempotencyKey, firstOrderId, status, orderId));
		}
	}

	/** Records the answer to a request that was malformed on purpose. */
	public void probed(String description, int status, boolean problemJson) {
		synchronized (probes) {
			probes.add(new Probe(description, status, problemJson));
		}
	}

	/** Records the latest status the platform reported for an order. */
	public void observed(String orderId, OrderStatus status) {

		Order order = orders.get(orderId);
		if (order != null) {
			order.status = status;
		}
	}

	public Collection<Order> orders() {
		return List.copyOf(orders.values());
	}

	public List<Order> pending() {
		return orders.values().stream().filter(order -> !order.status.isTerminal()).toList();
	}

	public Map<Integer, Integer> edgeRejections() {

		var byStatus = new TreeMap<Integer, Integer>();
		edgeRejections.forEach((status, count) -> byStatus.put(status, count.get()));
		return byStatus;
	}

	public int errors() {
		return errors.get();
	}

	public List<String> errorSamples() {
		synchronized (errorSamples) {
			return List.copyOf(errorSamples);
		}
	}

	public List<Retry> retries() {
		synchronized (retries) {
			return List.copyOf(retries);
		}
	}

	public List<Probe> probes() {
		synchronized (probes) {
			return List.copyOf(probes);
		}
	}

	public Latencies placementLatencies() {
		return placementLatencies;
	}

	/** Counts of orders by their last known status, for the progress line and the summary. */
	public Tally tally() {

		int completed = 0;
		int rejected = 0;
		int pending = 0;
		var reasons = new TreeMap<String, Integer>();
		for (Order order : orders.values()) {
			switch (order.status.state()) {
				case COMPLETED -> completed++;
				case REJECTED -> {
					rejected++;
					reasons.merge(reasonKind(order.status.reason()), 1, Integer::sum);
				}
				case PENDING -> pending++;
			}
		}
		return new Tally(orders.size(), completed, rejected, pending, reasons);
	}

	/**
	 * A rejection reason without the ids and numbers that make each one unique, so that reasons group:
	 * "reserve-inventory failed: 3 of FICUS-0010 asked, 1 left" becomes "reserve-inventory failed: # of
	 * &lt;sku&gt; asked, # left".
	 */
	static String reasonKind(String reason) {
		return reason.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "<id>")
				.replaceAll("FICUS-\\d+", "<sku>")
				.replaceAll("\\d+", "#");
	}

	/** An accepted order; its status is the last one observed. */
	public static final class Order {

		private final String orderId;

		private final String idempotencyKey;

		private final List<OrderLine> lines;

		private final long expectedTotalCents;

		private volatile OrderStatus status = OrderStatus.PENDING;

		public Order(String orderId, String idempotencyKey, List<OrderLine> lines, long expectedTotalCents) {
			this.orderId = orderId;
			this.idempotencyKey = idempotencyKey;
			this.lines = lines;
			this.expectedTotalCents = expectedTotalCents;
		}

		public String orderId() {
			return orderId;
		}

		public String idempotencyKey() {
			return idempotencyKey;
		}

		public List<OrderLine> lines() {
			return lines;
		}

		/** The total the driver computed from the catalog's prices when it placed the order. */
		public long expectedTotalCents() {
			return expectedTotalCents;
		}

		public OrderStatus status() {
			return status;
		}

		/** The platform's total once it reported one, else the driver's own. */
		public long totalCents() {
			return status.totalCents() != null ? status.totalCents() : expectedTotalCents;
		}
	}

	/** A second request with an already accepted idempotency key and what it answered. */
	public record Retry(String idempotencyKey, String firstOrderId, int status, @Nullable String orderId) {

		public boolean returnedSameOrder() {
			return status >= 200 && status < 300 && firstOrderId.equals(orderId);
		}
	}

	/** A malformed request and its answer; the platform should refuse it with a problem+json 4xx. */
	public record Probe(String description, int status, boolean problemJson) {

		public boolean refusedProperly() {
			return status >= 400 && status < 500 && problemJson;
		}
	}

	public record Tally(int placed, int completed, int rejected, int pending, Map<String, Integer> rejectedByReason) {
	}
}
