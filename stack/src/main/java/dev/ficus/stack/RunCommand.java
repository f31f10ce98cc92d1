package dev.ficus.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.check.RunSummary;
import dev.ficus.stack.infra.LeftoverPostgres;
import dev.ficus.stack.process.ServiceFailedToStart;
import dev.ficus.stack.process.Supervisor;
import dev.ficus.stack.services.FreePorts;
import dev.ficus.stack.services.StackLayout;
import dev.ficus.stack.services.StackServices;
import dev.ficus.stack.traffic.Api;
import dev.ficus.stack.traffic.DevTokens;
import dev.ficus.stack.traffic.DriverOptions;
import dev.ficus.stack.traffic.TrafficDriver;
import dev.ficus.stack.traffic.TrafficReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code run}: starts the shared infrastructure and every built service on loopback, drives orders
 * through the gateway (or the monolith when no gateway is built), prints the summary with its invariant
 * checks, writes it to {@code var/stack/last-run.json}, and stops everything it started on every path.
 * With {@code --no-start} it only drives traffic at services already running.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = "Start the local stack on loopback, drive orders through it and check the invariants.")
public final class RunCommand implements Callable<Integer> {

	static final int CHECKS_FAILED = 1;

	static final int STACK_FAILED = 2;

	/** Longer than Spring Boot's 30 s for a graceful shutdown phase (queue consumers long-poll 20 s). */
	private static final Duration STOP_GRACE = Duration.ofSeconds(40);

	@Option(names = "--orders", defaultValue = "300",
			description = "Orders to place (default ${DEFAULT-VALUE}).")
	int orders;

	@Option(names = "--rate", defaultValue = "30",
			description = "Orders per second at most (default ${DEFAULT-VALUE}).")
	double rate;

	@Option(names = "--concurrency", defaultValue = "8",
			description = "Requests in flight at most (default ${DEFAULT-VALUE}).")
	int concurrency;

	@Option(names = "--duration", defaultValue = "120s",
			description = "Hard limit of the order phase, e.g. 90s or 5m (default ${DEFAULT-VALUE}).")
	String duration;

	@Option(names = "--settle-timeout", defaultValue = "60s",
			description = "How long every saga has to finish after traffic stops (default ${DEFAULT-VALUE}).")
	String settleTimeout;

	@Option(names = "--skus", defaultValue = "300",
			description = "SKUs in the catalog (default ${DEFAULT-VALUE}).")
	int skus;

	@Option(names = "--customers", defaultValue = "50",
			description = "Customers to register (default ${DEFAULT-VALUE}).")
	int customers;

	@Option(names = "--seed", defaultValue = "42",
			description = "Seed of the driver's random choices (default ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--failure-rate", defaultValue = "0.03",
			description = "Share of provider requests failing with 503 (default ${DEFAULT-VALUE}).")
	double failureRate;

	@Option(names = "--decline-rate", defaultValue = "0.03",
			description = "Share of charges the provider declines (default ${DEFAULT-VALUE}).")
	double declineRate;

	@Option(names = "--shipping-failure-rate", defaultValue = "0.02",
			description = "Share of shipments the monolith's carrier refuses, so paid orders are refunded "
					+ "(default ${DEFAULT-VALUE}).")
	double shippingFailureRate;

	@Option(names = "--fresh", description = "Delete the stack's PostgreSQL data before starting.")
	boolean fresh;

	@Option(names = "--no-start", description = "Start nothing; drive traffic at --target.")
	boolean noStart;

	@Option(names = "--target",
			description = "With --no-start: the gateway or monolith URL to send orders to.")
	@Nullable URI target;

	@Option(names = "--monolith",
			description = "With --no-start: the monolith URL for status reads (default: --target).")
	@Nullable URI monolith;

	@Option(names = "--provider",
			description = "With --no-start: the payment provider simulator URL, if any.")
	@Nullable URI provider;

	@Option(names = "--no-traffic",
			description = "Start the stack and keep it running, without traffic, until Ctrl-C.")
	boolean noTraffic;

	@Option(names = "--keep-running",
			description = "After the summary, keep the stack running until Ctrl-C.")
	boolean keepRunning;

	@Option(names = "--start-timeout", defaultValue = "180s",
			description = "How long each service may take to become healthy (default ${DEFAULT-VALUE}).")
	String startTimeout;

	@Option(names = "--home",
			description = "The Ficus checkout (default: found from the working directory).")
	@Nullable Path home;

	@Option(names = "--state-dir",
			description = "PostgreSQL data, logs and last-run.json (default: var/stack).")
	@Nullable Path stateDirectory;

	private final PrintStream out = System.out;

	private final HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build();

	@Override
	public Integer call() throws Exception {

		StackLayout layout = StackLayout.find(home != null ? home : Path.of(""), stateDirectory);
		if (noStart) {
			return driveExisting(layout);
		}
		return startAndDrive(layout);
	}

	private int driveExisting(StackLayout layout) throws IOException {

		if (target == null || !isLoopback(target)) {
			out.println("--no-start needs --target with a loopback URL (http://127.0.0.1:<port>), got " + target);
			return STACK_FAILED;
		}
		URI reads = monolith != null ? monolith : target;
		Api traffic = isGateway(target) ? gatewayApi(target) : Api.direct(target, http);
		Api observer = monolith != null || !isGateway(target) ? Api.direct(reads, http) : traffic;
		Api simulator = provider != null ? Api.direct(provider, http) : null;
		return drive(layout, traffic, observer, simulator);
	}

	private int startAndDrive(StackLayout layout) throws IOException {

		Path monolithJar = layout.monolithJar();
		if (!Files.isRegularFile(monolithJar)) {
			out.println("The monolith is not built: " + monolithJar + " is missing. Run ./ficus run, or "
					+ "./mvnw package -DskipTests at the repository root.");
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
		Thread hook = new Thread(stopAll, "stack-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			Endpoints endpoints = start(layout, supervisor);
			if (noTraffic) {
				awaitCtrlC();
				return 0;
			}
			int exitCode = drive(layout, endpoints.traffic(), endpoints.observer(), endpoints.provider());
			if (keepRunning) {
				awaitCtrlC();
			}
			return exitCode;
		}
		catch (ServiceFailedToStart failure) {
			out.println("==> " + failure.getMessage());
			out.println("    Full log: " + layout.logs().resolve(failure.service() + ".log"));
			return STACK_FAILED;
		}
		finally {
			stopAll.run();
			removeHook(hook);
		}
	}

	/** Starts every service and returns where to send traffic and where to read from. */
	private Endpoints start(StackLayout layout, Supervisor supervisor) {

		StackServices services = new StackServices(layout, javaExecutable(), launcherInvocation(), parse(startTimeout));

		int postgresPort = FreePorts.next();
		int sqsPort = FreePorts.next();
		out.println("==> Starting shared infrastructure: PostgreSQL on 127.0.0.1:%d (data in %s), SQS on 127.0.0.1:%d"
				.formatted(postgresPort, layout.postgresData(), sqsPort));
		supervisor.start(services.infrastructure(postgresPort, sqsPort));

		URI providerUrl = null;
		if (services.simulatorAvailable()) {
			int providerPort = FreePorts.next();
			out.println("==> Starting the payment provider simulator on 127.0.0.1:" + providerPort);
			supervisor.start(services.simulator(providerPort, failureRate, declineRate));
			providerUrl = URI.create("http://127.0.0.1:" + providerPort);
		}
		else {
			out.println("==> The monolith jar has no payment provider simulator: the monolith uses its embedded one");
		}

		int monolithPort = FreePorts.next();
		out.println("==> Starting the monolith on 127.0.0.1:" + monolithPort);
		supervisor.start(services.monolith(monolithPort, postgresPort, sqsPort,
				providerUrl != null ? providerUrl : URI.create("embedded"), shippingFailureRate));
		URI monolithUrl = URI.create("http://127.0.0.1:" + monolithPort);
		Api monolithApi = Api.direct(monolithUrl, http);

		Api traffic = monolithApi;
		var gatewayJar = layout.gatewayJar();
		if (gatewayJar.isPresent()) {
			int gatewayPort = FreePorts.next();
			out.println("==> Starting the gateway on 127.0.0.1:" + gatewayPort);
			supervisor.start(services.gateway(gatewayJar.get(), gatewayPort, postgresPort, monolithUrl));
			traffic = gatewayApi(URI.create("http://127.0.0.1:" + gatewayPort));
		}
		else {
			out.println("==> No gateway built (gateway/target/ficus-gateway-*.jar): "
					+ "orders go to the monolith directly");
		}
		out.println("==> No extracted services built yet: the monolith serves every module");
		out.println("    Logs of every process: " + layout.logs());

		return new Endpoints(traffic, monolithApi, providerUrl != null ? Api.direct(providerUrl, http) : null);
	}

	private int drive(StackLayout layout, Api traffic, Api observer, @Nullable Api simulator) throws IOException {

		var options = new DriverOptions(orders, rate, concurrency, parse(duration), parse(settleTimeout), skus,
				customers, seed, failureRate, declineRate);
		out.println("==> Driving %d orders at up to %s/s, %d in flight, through the %s at %s".formatted(orders,
				rate, concurrency, traffic.name(), traffic.base()));
		Consumer<String> console = out::println;
		TrafficReport report = new TrafficDriver(traffic, observer, simulator, options, console).run();

		RunSummary summary = RunSummary.of(traffic.name() + " " + traffic.base(), report, orders,
				options.settleTimeout());
		out.println();
		out.println(summary.render());

		Files.createDirectories(layout.stateDirectory());
		JsonMapper.builder()
				.enable(SerializationFeature.INDENT_OUTPUT)
				.build()
				.writeValue(layout.lastRun().toFile(), summary);
		out.println("Summary written to " + layout.lastRun());
		return summary.passed() ? 0 : CHECKS_FAILED;
	}

	/**
	 * @param traffic where orders go: the gateway when it runs, else the monolith
	 * @param observer where order status and stock are read: the monolith
	 * @param provider the payment provider simulator, when it runs as a process of its own
	 */
	private record Endpoints(Api traffic, Api observer, @Nullable Api provider) {
	}

	/** The gateway's API with a token from its development issuer, fetched once and reused. */
	private Api gatewayApi(URI gateway) {
		return DevTokens.gatewayApi(gateway, http, out::println);
	}

	/** A gateway publishes its development issuer's keys; the monolith does not. */
	private boolean isGateway(URI url) {

		try {
			var request = HttpRequest.newBuilder(url.resolve("/.well-known/jwks.json")).GET().build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean isLoopback(URI url) {
		return url.getHost() != null && List.of("127.0.0.1", "localhost", "[::1]").contains(url.getHost());
	}

	/** How to start this launcher's main class again: from its jar, or from classes (in tests). */
	public static List<String> launcherInvocation() {

		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith("ficus-stack.jar")) {
			// Children run in the checkout's root, which need not be where the launcher was started.
			return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
		}
		return List.of("-cp", classPath, FicusStack.class.getName());
	}

	public static String javaExecutable() {

		String javaHome = System.getenv("JAVA_HOME");
		Path java = Path.of(javaHome != null ? javaHome : System.getProperty("java.home"), "bin", "java");
		return Files.isExecutable(java) ? java.toString() : Path.of(System.getProperty("java.home"), "bin", "java")
				.toString();
	}

	/** A duration as the options write it: {@code 250ms}, {@code 90s}, {@code 5m}, or plain seconds. */
	public static Duration parse(String text) {

		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
		}
		return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
	}

	private void awaitCtrlC() {

		out.println("==> The stack keeps running; Ctrl-C stops it");
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void removeHook(Thread hook) {

		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException shuttingDown) {
			// The hook is running already (Ctrl-C); it stops the children itself.
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
