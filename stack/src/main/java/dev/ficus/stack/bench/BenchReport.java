package dev.ficus.stack.bench;

import static dev.ficus.stack.bench.SideBySideTable.mebibytes;
import static dev.ficus.stack.bench.SideBySideTable.millis;
import static dev.ficus.stack.bench.SideBySideTable.perSecond;
import static dev.ficus.stack.bench.SideBySideTable.ratio;
import static dev.ficus.stack.bench.SideBySideTable.seconds;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The bench's figures as the console prints them: the machine, then one table per measure with the
 * variants side by side, then what the figures mean and leave out.
 *
 * @param gatewayFirst whether the phases via the gateway ran before the direct ones
 * @param placements the measured placement of each variant: direct first, then via the gateway
 * @param reads the measured reads of each variant, in the same order
 */
record BenchReport(MachineContext atStart, MachineContext atEnd, int concurrency, int warmupOrders, int warmupReads,
		boolean gatewayFirst, List<PlacementFigures> placements, List<ReadFigures> reads, List<MemoryProbe.Reading> idle,
		List<MemoryProbe.Reading> afterLoad) {

	BenchReport {
		if (placements.size() != 2 || reads.size() != 2 || idle.size() != afterLoad.size()) {
			throw new IllegalArgumentException("Expected two variants per measure and one memory reading per process "
					+ "at idle and after load");
		}
	}

	String render() {

		return String.join("\n", machine().render(), placement().render(), readPath().render(), memory().render(),
				String.join("\n", notes()));
	}

	SideBySideTable machine() {

		return new SideBySideTable("Machine", "context", "at start", "at end")
				.row("time (UTC)", atStart.at(), atEnd.at())
				.row("load average (1, 5, 15 min)", atStart.loadAverage(), atEnd.loadAverage())
				.row("cores", Integer.toString(atStart.cores()), Integer.toString(atEnd.cores()))
				.row("CPU", atStart.cpu(), atEnd.cpu())
				.row("memory", mebibytes(atStart.memoryBytes()), mebibytes(atEnd.memoryBytes()))
				.row("Java (launcher and services)", atStart.java(), atEnd.java())
				.row("OS", atStart.os(), atEnd.os());
	}

	SideBySideTable placement() {

		PlacementFigures direct = placements.get(0);
		PlacementFigures gateway = placements.get(1);
		var table = new SideBySideTable("Order placement: %d orders per variant, %d in flight (closed loop)"
				.formatted(direct.requested(), concurrency), "measure", direct.variant(), gateway.variant(),
				"ratio");
		count(table, "orders sent", direct.sent(), gateway.sent());
		count(table, "accepted (202)", direct.accepted(), gateway.accepted());
		count(table, "refused (4xx) / failed (5xx, no answer)", direct.refused() + " / " + direct.failed(),
				gateway.refused() + " / " + gateway.failed());
		figure(table, "placement time", PlacementFigures::placementMillis, millis -> seconds(millis / 1000), direct,
				gateway);
		figure(table, "throughput (accepted)", PlacementFigures::acceptedPerSecond, rate -> perSecond(rate, "orders"),
				direct, gateway);
		latencies(table, "POST /orders", direct.posts(), gateway.posts());
		figure(table, "all sagas terminal, from first POST", this::allTerminalOrNaN, millis -> seconds(millis / 1000),
				direct, gateway);
		figure(table, "sagas still running after last answer", PlacementFigures::drainMillis,
				millis -> seconds(millis / 1000), direct, gateway);
		figure(table, "saga completion rate", PlacementFigures::sagasPerSecond, rate -> perSecond(rate, "sagas"),
				direct, gateway);
		latencies(table, "saga duration", direct.sagaDurations(), gateway.sagaDurations());
		count(table, "completed / rejected / still running", direct.completed() + " / " + direct.rejected() + " / "
				+ direct.pending(), gateway.completed() + " / " + gateway.rejected() + " / " + gateway.pending());
		return table.note("ratio = via gateway ÷ direct: above 1 is slower for times, faster for rates.")
				.note("Saga duration: the order's placedAt to its last step's finishedAt, by the monolith's clock; "
						+ "\"all sagas terminal\" is seen by polling every "
						+ LoadPhases.POLL_INTERVAL.toMillis() + " ms.");
	}

	SideBySideTable readPath() {

		ReadFigures direct = reads.get(0);
		ReadFigures gateway = reads.get(1);
		var table = new SideBySideTable("Read path: GET /orders/{id}, %d requests per variant, %d in flight (closed loop)"
				.formatted(direct.requested(), concurrency), "measure", direct.variant(), gateway.variant(), "ratio");
		count(table, "requests sent", direct.sent(), gateway.sent());
		count(table, "answered 200 / otherwise", direct.ok() + " / " + direct.notOk(),
				gateway.ok() + " / " + gateway.notOk());
		figure(table, "elapsed", ReadFigures::elapsedMillis, millis -> seconds(millis / 1000), direct, gateway);
		figure(table, "throughput (200s)", ReadFigures::okPerSecond, rate -> perSecond(rate, "req"), direct, gateway);
		latencies(table, "GET /orders/{id}", direct.gets(), gateway.gets());
		return table.note("ratio = via gateway ÷ direct.");
	}

	SideBySideTable memory() {

		var table = new SideBySideTable("Memory per process", "process", "idle after start", "after load",
				"ratio");
		for (int index = 0; index < idle.size(); index++) {
			MemoryProbe.Reading before = idle.get(index);
			MemoryProbe.Reading after = afterLoad.get(index);
			if (before.name().equals("postgres")) {
				table.row("postgres: processes", Integer.toString(before.processes()),
						Integer.toString(after.processes()), "");
				bytes(table, "postgres: PSS, summed", before.pssBytes(), after.pssBytes());
				bytes(table, "postgres: RSS, summed", before.rssBytes(), after.rssBytes());
				continue;
			}
			bytes(table, before.name() + ": RSS", before.rssBytes(), after.rssBytes());
			if (before.heapUsedBytes() >= 0 || after.heapUsedBytes() >= 0) {
				bytes(table, before.name() + ": heap used", before.heapUsedBytes(), after.heapUsedBytes());
			}
		}
		return table.note("ratio = after load ÷ idle. RSS from /proc/<pid>/status (VmRSS), PSS from "
				+ "/proc/<pid>/smaps_rollup; heap used is the actuator's jvm.memory.used (area heap) at that moment, "
				+ "between collections.");
	}

	List<String> notes() {

		return List.of("Notes:",
				("- Warm-up excluded from every figure: %d orders and %d reads per variant, sent before the "
						+ "measured phases, their sagas finished first.").formatted(warmupOrders, warmupReads),
				"- In each measure the " + (gatewayFirst ? "variant via the gateway ran first, then the direct one"
						: "direct variant ran first, then the one via the gateway") + "; both sent the same order "
						+ "bodies. The gateway forwards to the same monolith, so its figures include the monolith's.",
				"- One run on one machine shared by every process of the stack and by the load generator: "
						+ String.format(Locale.ROOT, "%d cores, load average %s at start and %s at end.",
								atStart.cores(), atStart.loadAverage(), atEnd.loadAverage()));
	}

	private double allTerminalOrNaN(PlacementFigures figures) {
		return figures.allTerminalMillis() != null ? figures.allTerminalMillis() : Double.NaN;
	}

	private static void count(SideBySideTable table, String measure, Object direct, Object gateway) {
		table.row(measure, String.valueOf(direct), String.valueOf(gateway), "");
	}

	private static <T> void figure(SideBySideTable table, String measure, ToDoubleFunction<T> value,
			DoubleFunction<String> format, T direct, T gateway) {

		double directValue = value.applyAsDouble(direct);
		double gatewayValue = value.applyAsDouble(gateway);
		table.row(measure, format.apply(directValue), format.apply(gatewayValue), ratio(gatewayValue, directValue));
	}

	private static void latencies(SideBySideTable table, String request, LatencySummary direct,
			LatencySummary gateway) {

		List<String> names = List.of("p50", "p95", "p99", "max");
		List<ToLongFunction<LatencySummary>> percentiles = List.of(LatencySummary::p50Micros,
				LatencySummary::p95Micros, LatencySummary::p99Micros, LatencySummary::maxMicros);
		for (int index = 0; index < names.size(); index++) {
			long directMicros = percentiles.get(index).applyAsLong(direct);
			long gatewayMicros = percentiles.get(index).applyAsLong(gateway);
			boolean measured = direct.count() > 0 && gateway.count() > 0;
			table.row(request + " " + names.get(index), direct.count() > 0 ? millis(directMicros) : "–",
					gateway.count() > 0 ? millis(gatewayMicros) : "–", measured ? ratio(gatewayMicros, directMicros)
							: "–");
		}
	}

	private static void bytes(SideBySideTable table, String measure, long idle, long afterLoad) {
		table.row(measure, mebibytes(idle), mebibytes(afterLoad), idle >= 0 && afterLoad >= 0 ? ratio(afterLoad, idle)
				: "–");
	}
}
