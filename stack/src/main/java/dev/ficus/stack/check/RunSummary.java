package dev.ficus.stack.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ficus.stack.traffic.OrderBook;
import dev.ficus.stack.traffic.TrafficReport;

/**
 * The outcome of a run as the console and {@code var/stack/last-run.json} show it: what happened to the
 * orders, and every invariant check.
 *
 * @param target where the traffic went, for example "gateway http://127.0.0.1:41234"
 */
public record RunSummary(Instant finishedAt, String target, Orders orders, Map<Integer, Integer> rejectedAtEdge,
		int errors, List<String> errorSamples, Latency postOrdersLatency, List<CheckResult> checks) {

	/**
	 * @param rejectedByReason rejected orders (their saga compensated) by reason
	 */
	public record Orders(int placed, int completed, int rejected, int pending, Map<String, Integer> rejectedByReason,
			int retries, int malformedProbes) {
	}

	public record Latency(int count, long p50Millis, long p95Millis, long p99Millis) {
	}

	/** Runs every invariant check over what the driver recorded. */
	public static RunSummary of(String target, TrafficReport report, int requestedOrders, Duration settleBound) {

		OrderBook book = report.book();
		var checks = new ArrayList<CheckResult>();
		checks.add(Invariants.ordersWereAccepted(requestedOrders, book.tally().placed(),
				book.edgeRejections().values().stream().mapToInt(Integer::intValue).sum(), book.errors()));
		checks.add(Invariants.stockConserved(report.before(), report.added(), report.after()));
		checks.add(Invariants.nothingLeftReserved(report.before(), report.added().keySet(), report.after()));
		checks.add(Invariants.shippedMatchesCompletedOrders(report.before(), report.after(), book.orders()));
		checks.add(Invariants.paymentsMatchCompletedOrders("provider ledger", report.providerNetCents(),
				book.orders()));
		checks.add(Invariants.paymentsMatchCompletedOrders("payments module", report.moduleNetDeltaCents(),
				book.orders()));
		checks.add(Invariants.everySagaTerminal(book.orders(), settleBound));
		checks.add(Invariants.retriesCreatedNoDuplicates(book.retries(), book.orders()));
		checks.add(Invariants.malformedRequestsRefused(book.probes()));

		OrderBook.Tally tally = book.tally();
		var latencies = book.placementLatencies();
		return new RunSummary(Instant.now(), target,
				new Orders(tally.placed(), tally.completed(), tally.rejected(), tally.pending(),
						tally.rejectedByReason(), book.retries().size(), book.probes().size()),
				book.edgeRejections(), book.errors(), book.errorSamples(),
				new Latency(latencies.count(), latencies.percentile(50).toMillis(), latencies.percentile(95).toMillis(),
						latencies.percentile(99).toMillis()),
				List.copyOf(checks));
	}

	/** Passed when no check failed; a skipped check (its data is not served) does not fail the run. */
	public boolean passed() {
		return checks.stream().noneMatch(CheckResult::failed);
	}

	/** The summary as the console prints it. */
	public String render() {

		var text = new StringBuilder();
		text.append("Summary (traffic through ").append(target).append(")\n");
		text.append("  orders placed      %d%n".formatted(orders.placed()));
		text.append("  completed          %d%n".formatted(orders.completed()));
		text.append("  rejected           %d%s%n".formatted(orders.rejected(), reasons()));
		text.append("  still pending      %d%n".formatted(orders.pending()));
		text.append("  rejected at edge   %s%n".formatted(rejectedAtEdge.isEmpty() ? "none" : byStatus()));
		text.append("  errors             %d%s%n".formatted(errors, errorSamples.isEmpty() ? ""
				: " (first: " + errorSamples.getFirst() + ")"));
		text.append("  POST /orders       p50 %d ms, p95 %d ms, p99 %d ms over %d requests%n".formatted(
				postOrdersLatency.p50Millis(), postOrdersLatency.p95Millis(), postOrdersLatency.p99Millis(),
				postOrdersLatency.count()));
		text.append("Invariants\n");
		for (CheckResult check : checks) {
			text.append("  %-4s %s%n       %s%n".formatted(check.outcome(), check.name(), check.detail()));
		}
		text.append(passed() ? "All checks passed." : "Some checks FAILED.");
		return text.toString();
	}

	private String reasons() {

		if (orders.rejectedByReason().isEmpty()) {
			return "";
		}
		var parts = new ArrayList<String>();
		orders.rejectedByReason().forEach((reason, count) -> parts.add(count + " " + abbreviate(reason)));
		return ":" + System.lineSeparator() + "                       "
				+ String.join(System.lineSeparator() + "                       ", parts);
	}

	private static String abbreviate(String text) {
		return text.length() <= 100 ? text : text.substring(0, 99) + "…";
	}

	private String byStatus() {

		var parts = new LinkedHashMap<String, Integer>();
		rejectedAtEdge.forEach((status, count) -> parts.put("HTTP " + status, count));
		return parts.toString().replace("{", "").replace("}", "").replace("=", ": ");
	}
}
