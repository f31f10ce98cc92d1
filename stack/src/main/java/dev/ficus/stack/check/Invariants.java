package dev.ficus.stack.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.traffic.OrderBook;
import dev.ficus.stack.traffic.OrderBook.Order;
import dev.ficus.stack.traffic.OrderLine;
import dev.ficus.stack.traffic.OrderStatus;
import dev.ficus.stack.traffic.StockLevel;

/**
 * The platform's invariants after a run, each as a pure function of what the driver recorded and what
 * the platform reported, so each can be proven to fail on made-up numbers.
 */
public final class Invariants {

	private static final int SAMPLES = 3;

	private Invariants() {
	}

	/** The platform accepted the orders the driver sent: a run that placed none proves nothing. */
	public static CheckResult ordersWereAccepted(int requested, int placed, int refusedAtEdge, int errors) {

		String name = "orders accepted by the platform";
		Map<String, Object> numbers = Map.of("requested", requested, "placed", placed);
		if (requested == 0) {
			return CheckResult.skip(name, "no orders were requested");
		}
		String detail = "%d of %d accepted (%d refused at the edge, %d errors)".formatted(placed, requested,
				refusedAtEdge, errors);
		return placed > 0 ? CheckResult.pass(name, detail, numbers) : CheckResult.fail(name, detail, numbers);
	}

	/** On hand + reserved + shipped of every seeded SKU equals its stock before the run plus what was added. */
	public static CheckResult stockConserved(Map<String, StockLevel> before, Map<String, Integer> added,
			Map<String, StockLevel> after) {

		String name = "stock conserved per SKU (on hand + reserved + shipped = initial stock)";
		var offenders = new TreeMap<String, String>();
		for (var sku : added.keySet()) {
			int expected = before.getOrDefault(sku, StockLevel.NONE).total() + added.get(sku);
			int found = after.getOrDefault(sku, StockLevel.NONE).total();
			if (expected != found) {
				offenders.put(sku, "expected " + expected + ", found " + found);
			}
		}
		return judge(name, added.size(), offenders, "SKUs");
	}

	/** With every saga finished, no seeded SKU holds more reserved stock than before the run. */
	public static CheckResult nothingLeftReserved(Map<String, StockLevel> before, Collection<String> skus,
			Map<String, StockLevel> after) {

		String name = "no stock left reserved once sagas are terminal";
		var offenders = new TreeMap<String, String>();
		for (var sku : skus) {
			int left = after.getOrDefault(sku, StockLevel.NONE).reserved()
					- before.getOrDefault(sku, StockLevel.NONE).reserved();
			if (left != 0) {
				offenders.put(sku, left + " reserved");
			}
		}
		return judge(name, skus.size(), offenders, "SKUs");
	}

	/** Stock shipped during the run, per SKU, equals the quantities of the run's completed orders. */
	public static CheckResult shippedMatchesCompletedOrders(Map<String, StockLevel> before,
			Map<String, StockLevel> after, Collection<Order> orders) {

		String name = "shipped stock = quantities of completed orders";
		Map<String, Integer> completed = quantitiesBySku(orders, OrderStatus.State.COMPLETED);

		Set<String> skus = new HashSet<>(completed.keySet());
		skus.addAll(after.keySet());
		var offenders = new TreeMap<String, String>();
		for (var sku : skus) {
			int shipped = delta(before, after, sku, StockLevel::shipped);
			int expected = completed.getOrDefault(sku, 0);
			if (shipped != expected) {
				offenders.put(sku, "shipped " + shipped + ", completed orders hold " + expected);
			}
		}
		return judge(name, skus.size(), offenders, "SKUs");
	}

	/**
	 * Charges net of refunds in one ledger equal the totals of the run's completed orders.
	 *
	 * @param ledger which ledger: the provider's, or the payments module's
	 * @param netChargedCents charges minus refunds that ledger holds for the run, or {@code null} when it
	 *     could not be read
	 */
	public static CheckResult paymentsMatchCompletedOrders(String ledger, @Nullable Long netChargedCents,
			Collection<Order> orders) {

		String name = "charges net of refunds = totals of completed orders (" + ledger + ")";
		if (netChargedCents == null) {
			return CheckResult.skip(name, "the " + ledger + " could not be read");
		}
		long completedTotal = orders.stream()
				.filter(order -> order.status().state() == OrderStatus.State.COMPLETED)
				.mapToLong(Order::totalCents)
				.sum();
		Map<String, Object> numbers = Map.of("netChargedCents", netChargedCents, "completedTotalCents", completedTotal);
		String detail = "net charged %s, completed orders total %s".formatted(money(netChargedCents),
				money(completedTotal));
		return netChargedCents == completedTotal ? CheckResult.pass(name, detail, numbers)
				: CheckResult.fail(name, detail + ", difference " + money(netChargedCents - completedTotal), numbers);
	}

	/** Every accepted order's saga ended COMPLETED or COMPENSATED within the bound after traffic stopped. */
	public static CheckResult everySagaTerminal(Collection<Order> orders, Duration bound) {

		String name = "every saga terminal within " + bound.toSeconds() + " s after traffic stops";
		var offenders = new TreeMap<String, String>();
		for (Order order : orders) {
			if (!order.status().isTerminal()) {
				OrderStatus status = order.status();
				offenders.put(order.orderId(), status.state() + (status.sagaState() == null ? ""
						: " (saga " + status.sagaState() + ")"));
			}
		}
		return judge(name, orders.size(), offenders, "orders");
	}

	/**
	 * A retry with an accepted idempotency key answered the first order, and no key produced two orders.
	 */
	public static CheckResult retriesCreatedNoDuplicates(List<OrderBook.Retry> retries, Collection<Order> orders) {

		String name = "idempotent retries created no duplicate orders";
		if (retries.isEmpty()) {
			return CheckResult.skip(name, "no retries were sent");
		}
		var offenders = new TreeMap<String, String>();
		for (OrderBook.Retry retry : retries) {
			if (!retry.returnedSameOrder()) {
				offenders.put(retry.idempotencyKey(), "first order " + retry.firstOrderId() + ", retry answered HTTP "
						+ retry.status() + " with order " + retry.orderId());
			}
		}
		var keys = new HashMap<String, Integer>();
		orders.forEach(order -> keys.merge(order.idempotencyKey(), 1, Integer::sum));
		keys.forEach((key, count) -> {
			if (count > 1) {
				offenders.put(key, count + " orders under one key");
			}
		});
		return judge(name, retries.size(), offenders, "retries");
	}

	/** Every deliberately malformed request was refused with a 4xx problem+json (RFC 9457). */
	public static CheckResult malformedRequestsRefused(List<OrderBook.Probe> probes) {

		String name = "malformed requests refused with 4xx problem+json";
		if (probes.isEmpty()) {
			return CheckResult.skip(name, "no malformed requests were sent");
		}
		var offenders = new TreeMap<String, String>();
		for (OrderBook.Probe probe : probes) {
			if (!probe.refusedProperly()) {
				offenders.put(probe.description(), "HTTP " + probe.status() + (probe.problemJson() ? ""
						: ", not problem+json"));
			}
		}
		return judge(name, probes.size(), offenders, "requests");
	}

	static Map<String, Integer> quantitiesBySku(Collection<Order> orders, OrderStatus.State state) {

		var quantities = new HashMap<String, Integer>();
		for (Order order : orders) {
			if (order.status().state() == state) {
				for (OrderLine line : order.lines()) {
					quantities.merge(line.sku(), line.quantity(), Integer::sum);
				}
			}
		}
		return quantities;
	}

	private static int delta(Map<String, StockLevel> before, Map<String, StockLevel> after, String sku,
			ToIntFunction<StockLevel> field) {
		return field.applyAsInt(after.getOrDefault(sku, StockLevel.NONE))
				- field.applyAsInt(before.getOrDefault(sku, StockLevel.NONE));
	}

	private static CheckResult judge(String name, int checked, Map<String, String> offenders, String what) {

		Map<String, Object> numbers = Map.of("checked", checked, "violations", offenders.size());
		if (checked == 0) {
			return CheckResult.skip(name, "no " + what + " to check");
		}
		if (offenders.isEmpty()) {
			return CheckResult.pass(name, checked + " " + what + " checked, none off", numbers);
		}
		List<String> samples = new ArrayList<>();
		offenders.entrySet().stream()
				.limit(SAMPLES)
				.forEach(offender -> samples.add(offender.getKey() + ": " + offender.getValue()));
		return CheckResult.fail(name, "%d of %d %s off, e.g. %s".formatted(offenders.size(), checked, what,
				String.join("; ", samples)), numbers);
	}

	private static String money(long cents) {
		return "%s%d.%02d".formatted(cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
	}
}
