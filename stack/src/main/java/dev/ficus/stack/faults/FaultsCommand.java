package dev.ficus.stack.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.RunCommand;
import dev.ficus.stack.check.CheckResult;
import dev.ficus.stack.check.RunSummary;
import dev.ficus.stack.infra.LeftoverPostgres;
import dev.ficus.stack.process.ChildProcess;
import dev.ficus.stack.process.ServiceFailedToStart;
import dev.ficus.stack.process.Supervisor;
import dev.ficus.stack.services.StackLayout;
import dev.ficus.stack.services.StackServices;
import dev.ficus.stack.traffic.Api;
import dev.ficus.stack.traffic.DriverOptions;
import dev.ficus.stack.traffic.OrderBook;
import dev.ficus.stack.traffic.OrderStatus;
import dev.ficus.stack.traffic.PaymentLedgers;
import dev.ficus.stack.traffic.TrafficDriver;
import dev.ficus.stack.traffic.TrafficReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code faults}: starts the stack once (with TCP proxies in front of PostgreSQL and SQS), then for each
 * kind of fault drives fresh orders through the monolith, injects that one fault while they run, waits
 * until every saga is terminal, and counts what went wrong. Prints one row per fault kind, writes
 * {@code var/stack/faults.json}, and exits 1 when a row failed (2 when the stack could not start).
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
		description = "Run the stack under load and inject one kind of fault at a time; count lost, duplicated "
				+ "and unexpected outcomes per kind.")
public final class FaultsCommand implements Callable<Integer> {

	static final int ROW_FAILED = 1;

	static final int STACK_FAILED = 2;

	private static final Duration STOP_GRACE = Duration.ofSeconds(40);

	private static final double SHIPPING_FAILURE_RATE = 0.1;

	private static final double PROVIDER_FAILURE_RATE = 0.02;

	private static final double PROVIDER_DECLINE_RATE = 0.03;

	@Option(names = "--only", description = "Comma-separated fault kinds (default: all; with --short: "
			+ "kill-9,sqs-outage,replay). Kinds: sqs-outage, db-freeze-cut, kill-9, replay, provider-timeout, "
			+ "compensation-fails, relays-racing.")
	@Nullable String only;

	@Option(names = "--orders", description = "Orders placed per fault kind (default 150; 40 with --short).")
	@Nullable Integer orders;

	@Option(names = "--rate", defaultValue = "10",
			description = "Orders per second at most (default ${DEFAULT-VALUE}).")
	double rate;

	@Option(names = "--short", description = "The CI profile: fewer orders, shorter windows, three kinds.")
	boolean shortProfile;

	@Option(names = "--bound", defaultValue = "120", description = "Seconds every saga may take to finish "
			+ "after the fault clears (default ${DEFAULT-VALUE}: a saga step's 30 s timeout, 3 attempts, plus "
			+ "the relay's 30 s lease).")
	long boundSeconds;

	@Option(names = "--seed", defaultValue = "7",
			description = "Seed of the driver's choices (default ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--fresh", description = "Delete the stack's PostgreSQL data before starting.")
	boolean fresh;

	@Option(names = "--start-timeout", defaultValue = "180",
			description = "Seconds each service may take to become healthy (default ${DEFAULT-VALUE}).")
	long startTimeoutSeconds;

	@Option(names = "--home", description = "The Ficus checkout (default: found from the working directory).")
	@Nullable Path home;

	@Option(names = "--state-dir", description = "PostgreSQL data, logs and faults.json (default: var/stack).")
	@Nullable Path stateDirectory;

	private final PrintStream out = System.out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Override
	public Integer call() throws Exception {

		StackLayout layout = StackLayout.find(home != null ? home : Path.of(""), stateDirectory);
		if (!Files.isRegularFile(layout.monolithJar())) {
			out.println("The monolith is not built: " + layout.monolithJar() + " is missing. Run "
					+ "./mvnw package -DskipTests at the repository root.");
			return STACK_FAILED;
		}
		List<FaultKind> kinds = only != null ? FaultKind.parse(only)
				: shortProfile ? FaultKind.SHORT_PROFILE : List.of(FaultKind.values());
		if (LeftoverPostgres.stop(layout.postgresData(), Duration.ofSeconds(10))) {
			out.println("==> Stopped a PostgreSQL left running on " + layout.postgresData() + " by an earlier run");
		}
		if (fresh) {
			deleteRecursively(layout.postgresData());
		}
		Files.createDirectories(layout.logs());

		Supervisor supervisor = new Supervisor(layout.home(), layout.logs(), STOP_GRACE, out::println);
		StackServices services = new StackServices(layout, RunCommand.javaExecutable(), RunCommand.launcherInvocation(),
				Duration.ofSeconds(startTimeoutSeconds));
		if (!services.simulatorAvailable()) {
			out.println("The monolith jar has no payment provider simulator; the fault suite needs its ledger.");
			return STACK_FAILED;
		}

		AtomicBoolean stopped = new AtomicBoolean();
		var holder = new FaultStack[1];
		Runnable stopAll = () -> {
			if (stopped.compareAndSet(false, true)) {
				out.println("==> Stopping the stack");
				if (holder[0] != null) {
					holder[0].close();
				}
				else {
					supervisor.close();
				}
				if (LeftoverPostgres.stop(layout.postgresData(), Duration.ofSeconds(10))) {
					out.println("  postgres     stopped (left running by the infrastructure process)");
				}
			}
		};
		Thread hook = new Thread(stopAll, "faults-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			holder[0] = FaultStack.start(supervisor, services, out::println, SHIPPING_FAILURE_RATE);
			List<FaultRow> rows = runAll(holder[0], kinds);
			report(layout, rows);
			return rows.stream().allMatch(FaultRow::passed) ? 0 : ROW_FAILED;
		}
		catch (ServiceFailedToStart failure) {
			out.println("==> " + failure.getMessage());
			out.println("    Full log: " + layout.logs().resolve(failure.service() + ".log"));
			return STACK_FAILED;
		}
		finally {
			stopAll.run();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException shuttingDown) {
				// The hook is running already (Ctrl-C); it stops the children itself.
			}
		}
	}

	private List<FaultRow> runAll(FaultStack stack, List<FaultKind> kinds) throws Exception {

		Api monolith = Api.direct(stack.monolith(), http);
		Api provider = Api.direct(stack.provider(), http);
		var rows = new ArrayList<FaultRow>();
		for (FaultKind kind : kinds) {
			out.println();
			out.println("==> Fault %s: %s".formatted(kind.id(), kind.description()));
			FaultRow row = runOne(stack, kind, monolith, provider);
			out.println(FaultRow.header());
			out.println(row.render());
			if (!row.passed()) {
				out.println("    " + row.failures());
			}
			rows.add(row);
		}
		return rows;
	}

	private FaultRow runOne(FaultStack stack, FaultKind kind, Api monolith, Api provider) throws Exception {

		Duration bound = Duration.ofSeconds(boundSeconds);
		int count = orders != null ? orders : shortProfile ? 40 : 150;
		var injections = new FaultInjections(stack, provider, Duration.ofSeconds(shortProfile ? 10 : 20),
				shortProfile ? 2 : 3, shortProfile ? 1_000 : 3_000, line -> out.println(
						"  [" + kind.id() + "] " + line.strip()));
		int duplicatesBefore = ProviderDuplicates.count(provider.get("/v1/ledger").body());

		ChildProcess prepared = injections.prepare(kind);
		CountDownLatch ordersStarted = new CountDownLatch(1);
		Consumer<String> console = line -> {
			out.println("  [" + kind.id() + "] " + line.strip());
			if (line.contains("customers:")) {
				ordersStarted.countDown();
			}
		};
		// The settle phase starts when traffic stops, which may be before the fault clears.
		var options = new DriverOptions(count, rate, 8, Duration.ofMinutes(10), bound.plusMinutes(5), 100, 20,
				seed + kind.ordinal(), PROVIDER_FAILURE_RATE, PROVIDER_DECLINE_RATE);
		// An order without an answer is sent again until it gets one, however long the monolith is down.
		TrafficDriver driver = new TrafficDriver(monolith, monolith, provider, options, console)
				.retryingUnansweredOrdersFor(options.maxDuration());
		CompletableFuture<TrafficReport> traffic = CompletableFuture.supplyAsync(driver::run);

		String note;
		Instant cleared;
		try {
			if (!ordersStarted.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException("The driver did not get to placing orders within 5 minutes");
			}
			note = injections.inject(kind);
			cleared = Instant.now();
		}
		catch (RuntimeException | InterruptedException failure) {
			traffic.cancel(true);
			throw failure;
		}
		TrafficReport sagasDone = traffic.join();
		Instant trafficStopped = Instant.now().minus(sagasDone.settleTime());
		TrafficReport report = awaitMoneySettled(sagasDone, provider, cleared.plus(bound));
		Instant finished = Instant.now();
		injections.finish(prepared);

		if (kind == FaultKind.COMPENSATION_FAILS) {
			note += "; " + injections.refundsRetried(report.book().orders().stream().map(OrderBook.Order::orderId)
					.toList()) + " refunds asked for more than once";
		}
		return row(kind, report, count, bound, note, cleared.isAfter(trafficStopped) ? cleared : trafficStopped,
				finished,
				ProviderDuplicates.count(provider.get("/v1/ledger").body()) - duplicatesBefore);
	}

	/**
	 * Sagas can be terminal before the money is: a charge whose answer was lost is voided by the payments
	 * module's recovery (every 10 s, once a row is 30 s idle), after its order was rejected. The
	 * provider's ledger is read again until it agrees with the completed orders or {@code deadline}
	 * passes, so the row's settle time covers the money too.
	 */
	private TrafficReport awaitMoneySettled(TrafficReport report, Api provider, Instant deadline) {

		Set<String> orderIds = new HashSet<>();
		long completedTotal = 0;
		for (OrderBook.Order order : report.book().orders()) {
			orderIds.add(order.orderId());
			if (order.status().state() == OrderStatus.State.COMPLETED) {
				completedTotal += order.totalCents();
			}
		}
		Long net = report.providerNetCents();
		while (net != null && net != completedTotal && Instant.now().isBefore(deadline)) {
			FaultInjections.pause(Duration.ofSeconds(2));
			net = PaymentLedgers.providerNetForOrders(provider.get("/v1/ledger").body(), orderIds);
		}
		return new TrafficReport(report.book(), report.before(), report.added(), report.after(),
				report.trafficTime(), report.settleTime(), net, report.moduleNetDeltaCents());
	}

	/**
	 * @param from when the fault cleared, or the traffic stopped if that was later
	 * @param finished when every order was terminal and the money settled (or the bound passed)
	 */
	private FaultRow row(FaultKind kind, TrafficReport report, int requested, Duration bound, String note,
			Instant from, Instant finished, int duplicated) {

		RunSummary summary = RunSummary.of("monolith", report, requested, bound);
		OrderBook.Tally tally = report.book().tally();

		// Lost is counted from the orders themselves; the other checks' failures are unexpected outcomes.
		Set<String> countedElsewhere = Set.of("orders accepted by the platform");
		int failedChecks = (int) summary.checks().stream()
				.filter(CheckResult::failed)
				.filter(check -> !countedElsewhere.contains(check.name()))
				.filter(check -> !check.name().startsWith("every saga terminal"))
				.count();
		int unanswered = report.book().errors();
		int unexpected = failedChecks + (kind.edgeMayFail() ? 0 : unanswered);

		Duration settled = tally.pending() == 0 ? Duration.between(from, finished) : null;
		if (settled != null && settled.isNegative()) {
			settled = Duration.ZERO;
		}
		return new FaultRow(kind.id(), kind.description(), tally.placed(), tally.completed(), tally.rejected(),
				tally.pending(), Math.max(duplicated, 0), unexpected, unanswered, settled, bound, note,
				tally.rejectedByReason(), summary.checks());
	}

	private void report(StackLayout layout, List<FaultRow> rows) throws IOException {

		out.println();
		out.println("Fault suite");
		out.println(FaultRow.header());
		rows.forEach(row -> out.println(row.render()));
		rows.stream().filter(row -> !row.passed()).forEach(row -> out.println("  " + row.fault() + ": "
				+ row.failures()));
		boolean passed = rows.stream().allMatch(FaultRow::passed);
		out.println(passed ? "Every fault kind passed." : "Some fault kinds FAILED.");

		Path file = layout.stateDirectory().resolve("faults.json");
		Files.createDirectories(file.getParent());
		JsonMapper.builder()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.build()
				.writeValue(file.toFile(), Map.of("finishedAt", Instant.now().toString(), "passed", passed,
						"rows", rows.stream().map(FaultsCommand::json).toList()));
		out.println("Written to " + file);
	}

	private static Map<String, Object> json(FaultRow row) {

		var fields = new LinkedHashMap<String, Object>();
		fields.put("fault", row.fault());
		fields.put("description", row.description());
		fields.put("passed", row.passed());
		fields.put("accepted", row.accepted());
		fields.put("completed", row.completed());
		fields.put("rejected", row.rejected());
		fields.put("lost", row.lost());
		fields.put("duplicated", row.duplicated());
		fields.put("unexpected", row.unexpected());
		fields.put("unanswered", row.unanswered());
		fields.put("settledAfterClearMillis", row.settledAfterClear() == null ? null
				: row.settledAfterClear().toMillis());
		fields.put("boundMillis", row.bound().toMillis());
		fields.put("injected", row.note());
		fields.put("rejectedByReason", row.rejectedByReason());
		fields.put("failures", row.failures());
		fields.put("checks", row.checks());
		return fields;
	}

	private static void deleteRecursively(Path directory) throws IOException {

		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
