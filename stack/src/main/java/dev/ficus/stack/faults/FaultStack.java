package dev.ficus.stack.faults;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import dev.ficus.stack.infra.SharedInfrastructure;
import dev.ficus.stack.process.ChildProcess;
import dev.ficus.stack.process.ServiceSpec;
import dev.ficus.stack.process.Supervisor;
import dev.ficus.stack.services.FreePorts;
import dev.ficus.stack.services.StackServices;

/**
 * The stack the fault suite works on: the launcher's shared infrastructure, the provider simulator and
 * the monolith, with two NetCrusher TCP proxies in this process between the monolith and PostgreSQL and
 * between the monolith and SQS, so the suite can freeze, cut and reopen those connections. The
 * monolith can be killed with SIGKILL and started again on the same database and queues, and a second
 * instance can be started beside it.
 */
final class FaultStack implements AutoCloseable {

	private static final Duration STOP_GRACE = Duration.ofSeconds(40);

	private final Supervisor supervisor;

	private final StackServices services;

	private final Consumer<String> console;

	private final NioReactor reactor;

	private final int postgresPort;

	private final int sqsPort;

	private final TcpCrusher postgresProxy;

	private final TcpCrusher sqsProxy;

	private final URI provider;

	private final double shippingFailureRate;

	private final int monolithPort;

	private ChildProcess monolith;

	private int restarts;

	private FaultStack(Supervisor supervisor, StackServices services, Consumer<String> console,
			double shippingFailureRate) throws IOException {

		this.supervisor = supervisor;
		this.services = services;
		this.console = console;
		this.shippingFailureRate = shippingFailureRate;

		postgresPort = FreePorts.next();
		sqsPort = FreePorts.next();
		console.accept("==> Starting shared infrastructure: PostgreSQL on 127.0.0.1:%d, SQS on 127.0.0.1:%d"
				.formatted(postgresPort, sqsPort));
		supervisor.start(services.infrastructure(postgresPort, sqsPort));

		reactor = new NioReactor();
		postgresProxy = proxy(postgresPort);
		sqsProxy = proxy(sqsPort);
		console.accept("==> TCP proxies: PostgreSQL 127.0.0.1:%d -> %d, SQS 127.0.0.1:%d -> %d".formatted(
				postgresProxy.getBindAddress().getPort(), postgresPort, sqsProxy.getBindAddress().getPort(), sqsPort));

		int providerPort = FreePorts.next();
		console.accept("==> Starting the payment provider simulator on 127.0.0.1:" + providerPort);
		supervisor.start(services.simulator(providerPort, 0, 0));
		provider = URI.create("http://127.0.0.1:" + providerPort);

		monolithPort = FreePorts.next();
		console.accept("==> Starting the monolith on 127.0.0.1:%d (database and SQS through the proxies)"
				.formatted(monolithPort));
		monolith = supervisor.start(monolithSpec(monolithPort, "monolith"));
	}

	/** Starts everything; on failure stops what already runs and rethrows. */
	static FaultStack start(Supervisor supervisor, StackServices services, Consumer<String> console,
			double shippingFailureRate) throws IOException {
		return new FaultStack(supervisor, services, console, shippingFailureRate);
	}

	URI monolith() {
		return URI.create("http://127.0.0.1:" + monolithPort);
	}

	URI provider() {
		return provider;
	}

	TcpCrusher postgresProxy() {
		return postgresProxy;
	}

	TcpCrusher sqsProxy() {
		return sqsProxy;
	}

	/** The SQS endpoint itself, not through the proxy: for the replay, which is not the fault's victim. */
	URI sqsEndpoint() {
		return URI.create("http://127.0.0.1:" + sqsPort);
	}

	/** A superuser connection to the monolith's database, past the proxy, for the suite's own counts. */
	Connection database() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/ficus",
				SharedInfrastructure.SUPERUSER, SharedInfrastructure.SUPERUSER_PASSWORD);
	}

	/** SIGKILL, as {@code kill -9}: no shutdown hook, no graceful stop, connections dropped mid-transaction. */
	void killMonolith() {

		console.accept("  kill -9 monolith (pid %d)".formatted(monolith.pid()));
		ProcessHandle.of(monolith.pid()).ifPresent(ProcessHandle::destroyForcibly);
		// The child's own Process reaps it at once; a handle found by pid may wait much longer to see it.
		Instant deadline = Instant.now().plusSeconds(30);
		while (monolith.isAlive() && Instant.now().isBefore(deadline)) {
			FaultInjections.pause(Duration.ofMillis(50));
		}
	}

	/** Starts the monolith again on the same port, database and queues; returns once it is healthy. */
	void restartMonolith() {

		restarts++;
		monolith = supervisor.start(monolithSpec(monolithPort, "monolith-restart-" + restarts));
	}

	/** A second monolith on its own port: its relay and consumers race the first one's. */
	ChildProcess startSecondMonolith() {
		return supervisor.start(monolithSpec(FreePorts.next(), "monolith-2"));
	}

	/** Stops a child the way Ctrl-C would (SIGTERM), killing it after the grace period. */
	void stop(@Nullable ChildProcess child) {

		if (child == null || !child.isAlive()) {
			return;
		}
		ProcessHandle.of(child.pid()).ifPresent(process -> {
			process.destroy();
			if (!awaitExit(process, STOP_GRACE)) {
				process.destroyForcibly();
				awaitExit(process, Duration.ofSeconds(10));
			}
		});
		console.accept("  %s stopped".formatted(child.name()));
	}

	@Override
	public void close() {

		supervisor.close();
		postgresProxy.close();
		sqsProxy.close();
		reactor.close();
	}

	private ServiceSpec monolithSpec(int port, String name) {

		ServiceSpec spec = services.monolith(port, postgresProxy.getBindAddress().getPort(),
				sqsProxy.getBindAddress().getPort(), provider, shippingFailureRate);
		// Each start gets its own log file, so the log of a killed instance is kept for reading.
		return new ServiceSpec(name, spec.command(), spec.environment(), spec.readiness(), spec.startTimeout());
	}

	private TcpCrusher proxy(int target) {

		return TcpCrusherBuilder.builder()
				.withReactor(reactor)
				.withBindAddress("127.0.0.1", FreePorts.next())
				.withConnectAddress("127.0.0.1", target)
				.buildAndOpen();
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {

		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
