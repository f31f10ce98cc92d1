package dev.ficus.stack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import dev.ficus.stack.infra.InfrastructureCommand;
import dev.ficus.stack.infra.SharedInfrastructure;
import dev.ficus.stack.process.Readiness;
import dev.ficus.stack.process.ServiceSpec;

/**
 * The child processes of the local stack and how each is configured: only through the standard
 * settings each service reads in production too (datasource, SQS endpoint, provider URL, port).
 */
public final class StackServices {

	/** Databases the shared PostgreSQL holds: the monolith's, the gateway's, and extracted services'. */
	public static final List<String> DATABASES = List.of("ficus", "gateway", "inventory_service");

		static final String SIMULATOR_MAIN = "dev.ficus.platform.simulator.PaymentProviderSimulator";

	private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private final StackLayout layout;

	private final String java;

	private final List<String> launcherInvocation;

	private final Duration startTimeout;

	/**
	 * @param launcherInvocation the arguments after {@code java} that run this launcher's main class
	 *     (its jar, or a class path and the class when it runs from classes, as in tests)
	 */
	public StackServices(StackLayout layout, String java, List<String> launcherInvocation, Duration startTimeout) {
		this.layout = layout;
		this.java = java;
		this.launcherInvocation = List.copyOf(launcherInvocation);
		this.startTimeout = startTimeout;
	}

	public ServiceSpec infrastructure(int postgresPort, int sqsPort) {

		var command = javaCommand();
		// ElasticMQ's actor library still uses sun.misc.Unsafe, which Java 25 warns about on every start.
		command.add("--sun-misc-unsafe-memory-access=allow");
		command.addAll(launcherInvocation);
		command.addAll(List.of("infrastructure", "--data", layout.postgresData().toString(), "--postgres-port",
				Integer.toString(postgresPort), "--sqs-port", Integer.toString(sqsPort), "--databases",
				String.join(",", DATABASES)));
		return new ServiceSpec("infra", command, Map.of(), new Readiness.LogLine(InfrastructureCommand.READY),
				startTimeout);
	}

	/** Whether the built monolith jar carries the payment provider simulator. */
	public boolean simulatorAvailable() {

		try (var jar = new ZipFile(layout.monolithJar().toFile())) {
			return jar.getEntry("BOOT-INF/classes/" + SIMULATOR_MAIN.replace('.', '/') + ".class") != null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + layout.monolithJar(), ex);
		}
	}

	/** The provider simulator from the monolith jar, run by its own main class. */
	public ServiceSpec simulator(int port, double failureRate, double declineRate) {

		var command = javaCommand();
		command.addAll(List.of("-Dloader.main=" + SIMULATOR_MAIN, "-cp", layout.monolithJar().toString(),
				PROPERTIES_LAUNCHER, "--port=" + port, "--failureRate=" + failureRate, "--declineRate=" + declineRate));
		return new ServiceSpec("provider", command, Map.of(),
				new Readiness.HttpOk(URI.create("http://127.0.0.1:" + port + "/admin/faults")), startTimeout);
	}

	/**
	 * @param provider the payment provider's URL, or {@code embedded} for the monolith's own simulator
	 * @param shippingFailureRate share of shipments the carrier refuses, so some paid orders are refunded
	 */
	public ServiceSpec monolith(int port, int postgresPort, int sqsPort, URI provider, double shippingFailureRate) {

		var environment = new LinkedHashMap<String, String>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("SPRING_DATASOURCE_URL", jdbcUrl(postgresPort, "ficus"));
		environment.put("SPRING_DATASOURCE_USERNAME", SharedInfrastructure.APPLICATION_ROLE);
		environment.put("SPRING_DATASOURCE_PASSWORD", SharedInfrastructure.APPLICATION_PASSWORD);
		// Migrations create roles and tables, which the application's own login role may not.
		environment.put("SPRING_FLYWAY_USER", SharedInfrastructure.SUPERUSER);
		environment.put("SPRING_FLYWAY_PASSWORD", SharedInfrastructure.SUPERUSER_PASSWORD);
		environment.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + sqsPort);
		environment.put("AWS_REGION", "us-east-1");
		environment.put("AWS_ACCESS_KEY_ID", "ficus-local");
		environment.put("AWS_SECRET_ACCESS_KEY", "ficus-local");
		environment.put("FICUS_SQS_CREATE_QUEUES", "true");
		environment.put("FICUS_PAYMENT_PROVIDER_URL", provider.toString());
		environment.put("FICUS_SHIPPING_FAILURE_RATE", Double.toString(shippingFailureRate));

		var command = javaCommand();
		command.addAll(List.of("-jar", layout.monolithJar().toString()));
		return new ServiceSpec("monolith", command, environment, health(port), startTimeout);
	}

	public ServiceSpec gateway(Path jar, int port, int postgresPort, URI monolith) {

		var environment = new LinkedHashMap<String, String>();
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("FICUS_TARGETS_MONOLITH_URL", monolith.toString());
		// Until an extracted inventory service runs, the monolith answers its routes too.
		environment.put("FICUS_TARGETS_INVENTORY_SERVICE_URL", monolith.toString());
		environment.put("FICUS_ROUTES_FILE", layout.gatewayRoutes().toString());
		environment.put("SPRING_DATASOURCE_URL", jdbcUrl(postgresPort, "gateway"));
		environment.put("SPRING_DATASOURCE_USERNAME", SharedInfrastructure.SUPERUSER);
		environment.put("SPRING_DATASOURCE_PASSWORD", SharedInfrastructure.SUPERUSER_PASSWORD);
		// The driver is one client sending a few hundred requests a second; the edge's limit is for others.
		environment.put("FICUS_RATE_LIMIT_BURST", "2000");
		environment.put("FICUS_RATE_LIMIT_REFILL_TOKENS", "2000");

		var command = javaCommand();
		command.addAll(List.of("-jar", jar.toString()));
		return new ServiceSpec("gateway", command, environment, health(port), startTimeout);
	}

	private List<String> javaCommand() {
		return new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
	}

	private static Readiness health(int port) {
		return new Readiness.HealthEndpoint(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
	}

	private static String jdbcUrl(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}
}
