package dev.ficus.stack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.RunCommand;
import dev.ficus.stack.infra.LeftoverPostgres;
import dev.ficus.stack.process.ChildProcess;
import dev.ficus.stack.process.ServiceFailedToStart;
import dev.ficus.stack.process.Supervisor;
import dev.ficus.stack.services.FreePorts;
import dev.ficus.stack.services.StackLayout;
import dev.ficus.stack.services.StackServices;
import dev.ficus.stack.traffic.Api;
import dev.ficus.stack.traffic.CatalogItem;
import dev.ficus.stack.traffic.DevTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench}: starts the local stack once and measures, side by side in one run, order placement and
 * order reads through the gateway and directly against the monolith, and the memory of every process at
 * idle and after the load. Every phase is a fixed number of requests on loopback, and the whole
 * measurement is capped by {@code --max-duration}. A warm-up of each variant runs first and is left out
 * of the figures. Prints one table per measure, writes {@code var/stack/bench.json}, and exits 1 when a
 * phase could not finish (cut short, failed requests, sagas still running), 2 when the stack did not
 * start. It asserts nothing about speed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Start the local stack once and measure order placement and reads through the gateway "
				+ "vs. directly against the monolith, and each process's memory, side by side.")
public final class BenchCommand implements Callable<Integer> {

	static final int INCOMPLETE = 1;

	static final int STACK_FAILED = 2;

	static final String DIRECT = "direct";

	static final String VIA_GATEWAY = "via gateway";

	private static final Duration STOP_GRACE = Duration.ofSeconds(40);

	@Option(names = "--orders", defaultValue = "300",
			description = "Orders each variant places in the measured phase (default ${DEFAULT-VALUE}).")
	int orders;

	@Option(names = "--reads", defaultValue = "1000",
			description = "GET /orders/{id} each variant sends in the measured phase (default ${DEFAULT-VALUE}).")
	int reads;

	@Option(names = "--concurrency", defaultValue = "8",
			description = "Requests in flight at once, in a closed loop (default ${DEFAULT-VALUE}).")
	int concurrency;

	@Option(names = "--warmup-orders", defaultValue = "50",
			description = "Orders each variant places before measuring, left out of the figures "
					+ "(default ${DEFAULT-VALUE}).")
	int warmupOrders;

	@Option(names = "--warmup-reads", defaultValue = "200",
			description = "Reads each variant sends before measuring, left out of the figures "
					+ "(default ${DEFAULT-VALUE}).")
	int warmupReads;

	@Option(names = "--max-duration", defaultValue = "10m",
			description = "Hard cap of everything after start-up; phases not done by then stop sending "
					+ "(default ${DEFAULT-VALUE}).")
	String maxDuration;

	@Option(names = "--settle-timeout", defaultValue = "120s",
			description = "How long a placement phase waits for its sagas after the last answer "
					+ "(default ${DEFAULT-VALUE}).")
	String settleTimeout;

	@Option(names = "--idle-wait", defaultValue = "10s",
			description = "Pause after start-up before the idle memory reading (default ${DEFAULT-VALUE}).")
	String idleWait;

	@Option(names = "--skus", defaultValue = "100", description = "SKUs in the catalog (default ${DEFAULT-VALUE}).")
	int skus;

	@Option(names = "--customers", defaultValue = "20",
			description = "Customers to register (default ${DEFAULT-VALUE}).")
	int customers;

	@Option(names = "--seed", defaultValue = "42",
			description = "Seed of the order bodies, the same for both variants (default ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--gateway-first", description = "Run the variant via the gateway before the direct one in "
			+ "every measure, to see how much the order of the phases moves the figures.")
	boolean gatewayFirst;

	@Option(names = "--fresh", description = "Delete the stack's PostgreSQL data before starting.")
	boolean fresh;

	@Option(names = "--start-timeout", defaultValue = "180s",
			description = "How long each service may take to become healthy (default ${DEFAULT-VALUE}).")
	String startTimeout;

	@Option(names = "--home", description = "The Ficus checkout (default: found from the working directory).")
	@Nullable Path home;

	@Option(names = "--state-dir", description = "PostgreSQL data, logs and bench.json (default: var/stack).")
	@Nullable Path stateDirectory;

	private final PrintStream out = System.out;

	/** HTTP/1.1 with kept-alive connections to both targets, so neither gets a different protocol. */
	private final HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

	@Override
	public Integer call() throws Exception {

		if (orders < 1 || reads < 1 || concurrency < 1 || warmupOrders < 0 || warmupReads < 0 || skus < 1
				|| customers < 1) {
			out.println("--orders, --reads, --concurrency, --skus and --customers must be at least 1; the warm-ups "
					+ "at least 0");
			return STACK_FAILED;
		}
		StackLayout layout = StackLayout.find(home != null ? home : Path.of(""), stateDirectory);
		if (!Files.isRegularFile(layout.monolithJar()) || layout.gatewayJar().isEmpty()) {
			out.println("The bench needs the monolith and the gateway built (" + layout.monolithJar() + ", "
					+ layout.home().resolve("gateway/target/ficus-gateway-*.jar") + "): run ./ficus bench, or "
					+ "./mvnw package -DskipTests at the root and in gateway/.");
			return STACK_FAILED;
		}
		if (LeftoverPostgres.stop(layout.postgresData(), Duration.ofSeconds(10))) {
			out.println("==> Stopped a PostgreSQL left running on " + layout.postgresData() + " by an earlier run");
		}
		if (fresh) {
			deleteRecursively(layout.postgresData());
			out.println("==> --fresh: deleted " + layout.postgresData());
		}
		Files.createDirectories(layout.logs());

		MachineContext atStart = MachineContext.now();
		Supervisor supervisor = new Supervisor(layout.home(), layout.logs(), STOP_GRACE, out::println);
		AtomicBoolean stopped = new AtomicBoolean();
		Runnable stopAll = () -> {
			if (stopped.compareAndSet(false, true)) {
				out.println("==> Stopping the stack");
				supervisor.close();
				if (LeftoverPostgres.stop(layout.postgresData(), Duration.ofSeconds(10))) {
					out.println("  postgres     stopped (left running by the infrastructure process)");
				}
			}
		};
		Thread hook = new Thread(stopAll, "bench-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			BenchStack stack = start(layout, supervisor);
			return measure(layout, stack, atStart);
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

	/**
	 * The running stack: where each variant sends its requests, and the processes whose memory is read.
	 *
	 * @param processes every child process by its name, as the supervisor started them
	 */
	private record BenchStack(URI monolith, URI gateway, Map<String, ChildProcess> processes) {
	}

	/** Starts what {@code run} starts, with no injected faults: none of them would be measured fairly. */
	private BenchStack start(StackLayout layout, Supervisor supervisor) {

		var services = new StackServices(layout, RunCommand.javaExecutable(), RunCommand.launcherInvocation(),
				RunCommand.parse(startTimeout));
		var processes = new LinkedHashMap<String, ChildProcess>();

		int postgresPort = FreePorts.next();
		int sqsPort = FreePorts.next();
		out.println("==> Starting shared infrastructure: PostgreSQL on 127.0.0.1:%d, SQS on 127.0.0.1:%d"
				.formatted(postgresPort, sqsPort));
		processes.put("infra", supervisor.start(services.infrastructure(postgresPort, sqsPort)));

		URI provider = URI.create("embedded");
		if (services.simulatorAvailable()) {
			int providerPort = FreePorts.next();
			out.println("==> Starting the payment provider simulator on 127.0.0.1:" + providerPort
					+ " (no failures, no declines)");
			processes.put("provider", supervisor.start(services.simulator(providerPort, 0, 0)));
			provider = URI.create("http://127.0.0.1:" + providerPort);
		}

		int monolithPort = FreePorts.next();
		out.println("==> Starting the monolith on 127.0.0.1:" + monolithPort + " (no shipping failures)");
		processes.put("monolith", supervisor.start(services.monolith(monolithPort, postgresPort, sqsPort, provider, 0)));
		URI monolith = URI.create("http://127.0.0.1:" + monolithPort);

		int gatewayPort = FreePorts.next();
		out.println("==> Starting the gateway on 127.0.0.1:" + gatewayPort);
		processes.put("gateway", supervisor.start(services.gateway(layout.gatewayJar().orElseThrow(), gatewayPort,
				postgresPort, monolith)));
		out.println("    Logs of every process: " + layout.logs());
		return new BenchStack(monolith, URI.create("http://127.0.0.1:" + gatewayPort), processes);
	}

	private int measure(StackLayout layout, BenchStack stack, MachineContext atStart) throws IOException {

		Instant startedAt = Instant.now();
		Instant deadline = startedAt.plus(RunCommand.parse(maxDuration));
		Duration settle = RunCommand.parse(settleTimeout);
		Api direct = Api.direct(stack.monolith(), http);
		Api viaGateway = DevTokens.gatewayApi(stack.gateway(), http, out::println);
		// The tables always show direct first; the phases run in this order.
		List<Api> runOrder = gatewayFirst ? List.of(viaGateway, direct) : List.of(direct, viaGateway);
		var memory = new MemoryProbe(http);
		var phases = new LoadPhases(direct, concurrency);

		out.println("==> Idle for " + idleWait + ", then reading every process's memory");
		pause(RunCommand.parse(idleWait));
		List<MemoryProbe.Reading> idle = readMemory(memory, layout, stack);

		List<CatalogItem> catalog = stock(direct);
		List<String> customerIds = registerCustomers(direct);
		if (catalog.stream().noneMatch(item -> !item.isScarce()) || customerIds.isEmpty()) {
			out.println("==> No catalog or no customers: nothing can be measured");
			return INCOMPLETE;
		}

		out.println("==> Warm-up (left out of the figures): %d orders and %d reads per variant".formatted(
				warmupOrders, warmupReads));
		var warmups = new ArrayList<Object>();
		for (Api target : runOrder) {
			String variant = "warm-up " + variantName(target);
			LoadPhases.Placed placed = phases.placeOrders(variant, target,
					OrderPlan.bodies(warmupOrders, catalog, customerIds, seed + 1), deadline, settle);
			warmups.add(placed.figures());
			warmups.add(phases.readOrders(variant, target, placed.orderIds(), warmupReads, deadline));
			out.println("  %-20s %d orders accepted, %d sagas terminal".formatted(variant, placed.figures()
					.accepted(), placed.figures().completed() + placed.figures().rejected()));
		}

		List<String> bodies = OrderPlan.bodies(orders, catalog, customerIds, seed);
		var placements = new ArrayList<PlacementFigures>();
		var readIds = new ArrayList<String>();
		for (Api target : runOrder) {
			out.println("==> Placing %d orders %s, %d in flight, then waiting for their sagas".formatted(orders,
					variantName(target), concurrency));
			LoadPhases.Placed placed = phases.placeOrders(variantName(target), target, bodies, deadline, settle);
			placements.add(placed.figures());
			readIds.addAll(placed.orderIds());
			describe(placed.figures());
		}

		var readFigures = new ArrayList<ReadFigures>();
		for (Api target : runOrder) {
			out.println("==> Reading %d orders %s, %d in flight".formatted(reads, variantName(target), concurrency));
			ReadFigures figures = phases.readOrders(variantName(target), target, readIds, reads, deadline);
			readFigures.add(figures);
			out.println("  %d of %d answered 200%s".formatted(figures.ok(), figures.sent(), figures.firstFailure() == null
					? "" : " (first other answer: " + figures.firstFailure() + ")"));
		}

		List<MemoryProbe.Reading> afterLoad = readMemory(memory, layout, stack);
		MachineContext atEnd = MachineContext.now();
		// A phase the cap cut short sent fewer requests than asked, so it is incomplete too.
		boolean complete = placements.stream().allMatch(PlacementFigures::complete)
				&& readFigures.stream().allMatch(ReadFigures::complete);

		placements.sort(Comparator.comparing(figures -> !figures.variant().equals(DIRECT)));
		readFigures.sort(Comparator.comparing(figures -> !figures.variant().equals(DIRECT)));
		var report = new BenchReport(atStart, atEnd, concurrency, warmupOrders, warmupReads, gatewayFirst, placements,
				readFigures, idle, afterLoad);
		out.println();
		out.println(report.render());
		out.println(complete ? "Every phase ran to the end."
				: "Some phase did not run to the end (cut by --max-duration, failed requests or sagas still running): "
						+ "its figures are partial.");

		Path file = layout.stateDirectory().resolve("bench.json");
		var json = new LinkedHashMap<String, Object>();
		json.put("startedAt", startedAt.toString());
		json.put("finishedAt", Instant.now().toString());
		json.put("complete", complete);
		var options = new LinkedHashMap<String, Object>();
		options.put("orders", orders);
		options.put("reads", reads);
		options.put("concurrency", concurrency);
		options.put("warmupOrders", warmupOrders);
		options.put("warmupReads", warmupReads);
		options.put("maxDuration", maxDuration);
		options.put("settleTimeout", settleTimeout);
		options.put("skus", skus);
		options.put("customers", customers);
		options.put("seed", seed);
		options.put("gatewayFirst", gatewayFirst);
		json.put("options", options);
		json.put("machine", Map.of("atStart", atStart, "atEnd", atEnd));
		json.put("warmup", warmups);
		json.put("placement", placements);
		json.put("reads", readFigures);
		json.put("memory", Map.of("idle", idle, "afterLoad", afterLoad));
		json.put("notes", report.notes());
		Files.createDirectories(file.getParent());
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), json);
		out.println("Figures written to " + file);
		return complete ? 0 : INCOMPLETE;
	}

	private String variantName(Api target) {
		return target.name().equals("gateway") ? VIA_GATEWAY : DIRECT;
	}

	private void describe(PlacementFigures figures) {

		out.println("  %d of %d sent, %d accepted in %.1f s; %s".formatted(figures.sent(), figures.requested(),
				figures.accepted(), figures.placementMillis() / 1000, figures.allTerminalMillis() != null
						? "every saga terminal after %.1f s".formatted(figures.allTerminalMillis() / 1000)
						: figures.pending() + " sagas still running at the settle bound"));
		if (figures.firstFailure() != null) {
			out.println("  first refused or failed: " + figures.firstFailure());
		}
	}

	/**
	 * The memory of every process: each JVM of the stack on its own, and PostgreSQL as its server process
	 * with every backend it forked (they share the buffers, so their PSS sums up honestly and their RSS
	 * does not).
	 */
	private List<MemoryProbe.Reading> readMemory(MemoryProbe memory, StackLayout layout, BenchStack stack) {

		var watched = new ArrayList<MemoryProbe.Watched>();
		stack.processes().forEach((name, child) -> watched.add(new MemoryProbe.Watched(name, List.of(child.pid()),
				switch (name) {
					case "monolith" -> stack.monolith();
					case "gateway" -> stack.gateway();
					default -> null;
				})));
		watched.add(new MemoryProbe.Watched("postgres", postgresPids(layout), null));
		return watched.stream().map(memory::read).toList();
	}

	private static List<Long> postgresPids(StackLayout layout) {

		try {
			long server = Long.parseLong(Files.readAllLines(layout.postgresData().resolve("postmaster.pid"))
					.getFirst()
					.strip());
			var pids = new ArrayList<Long>();
			pids.add(server);
			ProcessHandle.of(server).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
			return pids;
		}
		catch (IOException | RuntimeException noServer) {
			return List.of();
		}
	}

	private List<CatalogItem> stock(Api monolith) {

		var stocked = new ArrayList<CatalogItem>();
		for (CatalogItem item : CatalogItem.plan(skus, new Random(seed))) {
			Api.Response answer = monolith.put("/inventory/items/" + item.sku(), Map.of("name", item.name(),
					"priceCents", item.priceCents(), "addStock", item.addStock()), freshKey());
			if (answer.isSuccess()) {
				stocked.add(item);
			}
			else if (stocked.isEmpty()) {
				out.println("  stocking " + item.sku() + " failed: " + answer.describe());
			}
		}
		out.println("==> Catalog: %d of %d SKUs stocked directly at the monolith (not measured)".formatted(
				stocked.size(), skus));
		return stocked;
	}

	private List<String> registerCustomers(Api monolith) {

		String run = Long.toString(System.currentTimeMillis(), 36);
		var ids = new ArrayList<String>();
		for (int index = 0; index < customers; index++) {
			Api.Response answer = monolith.post("/customers", Map.of("name", "Bench customer " + index, "email",
					"bench-%d-%s@ficus.test".formatted(index, run)), freshKey());
			String id = answer.body().path("id").asString("");
			if (answer.isSuccess() && !id.isBlank()) {
				ids.add(id);
			}
			else if (ids.isEmpty()) {
				out.println("  registering a customer failed: " + answer.describe());
			}
		}
		out.println("==> Customers: %d of %d registered (not measured)".formatted(ids.size(), customers));
		return ids;
	}

	private static Map<String, String> freshKey() {
		return Map.of("Idempotency-Key", UUID.randomUUID().toString());
	}

	private static void pause(Duration duration) {

		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
