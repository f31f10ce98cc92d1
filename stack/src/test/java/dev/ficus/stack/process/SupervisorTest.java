package dev.ficus.stack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ficus.stack.services.FreePorts;

class SupervisorTest {

	@TempDir
	Path logs;

	private final List<String> console = new ArrayList<>();

	private Supervisor supervisor;

	@AfterEach
	void stopEverything() {
		if (supervisor != null) {
			supervisor.close();
		}
	}

	@Test
	void startsAChildOnceItsHealthIsUp() {

		supervisor = supervisor(Duration.ofSeconds(10));
		int port = FreePorts.next();

		ChildProcess child = supervisor.start(tinyChild("alpha", health(port), "healthy", Integer.toString(port)));

		assertThat(child.isAlive()).isTrue();
		assertThat(child.logTail(5)).contains("tiny child serving on " + port);
		assertThat(console).anyMatch(line -> line.contains("alpha") && line.contains("ready"));
	}

	@Test
	void reportsAChildThatExitsWhileStartingWithTheTailOfItsLog() {

		supervisor = supervisor(Duration.ofSeconds(10));
		int port = FreePorts.next();

		assertThatExceptionOfType(ServiceFailedToStart.class)
				.isThrownBy(() -> supervisor.start(tinyChild("beta", health(port), "failing")))
				.satisfies(failure -> assertThat(failure.service()).isEqualTo("beta"))
				.withMessageContaining("beta exited with code 3 while starting")
				.withMessageContaining("cannot connect to the database: connection refused");
	}

	@Test
	void reportsAChildThatIsNotReadyInTimeAndStopsIt() {

		supervisor = supervisor(Duration.ofSeconds(10));
		var spec = new ServiceSpec("gamma", tinyChildCommand("silent"), Map.of(),
				new Readiness.LogLine("never printed"), Duration.ofSeconds(2));

		assertThatExceptionOfType(ServiceFailedToStart.class)
				.isThrownBy(() -> supervisor.start(spec))
				.withMessageContaining("gamma was not ready within 2 s (waiting for \"never printed\" in its log)")
				.withMessageContaining("tiny child silent starting");

		List<ChildProcess> children = supervisor.children();
		supervisor.close();
		assertThat(children).singleElement().satisfies(child -> assertThat(child.isAlive()).isFalse());
	}

	@Test
	void stopsEveryChildOnCloseTheLastStartedFirst() {

		supervisor = supervisor(Duration.ofSeconds(10));
		int first = FreePorts.next();
		int second = FreePorts.next();
		ChildProcess one = supervisor.start(tinyChild("one", health(first), "healthy", Integer.toString(first)));
		ChildProcess two = supervisor.start(tinyChild("two", health(second), "healthy", Integer.toString(second)));

		supervisor.close();

		assertThat(List.of(one, two)).allSatisfy(child -> assertThat(child.isAlive()).isFalse());
		assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(console.stream().filter(line -> line.contains("stopped")))
				.containsExactly("  two          stopped", "  one          stopped");
	}

	@Test
	void killsAChildThatDoesNotStopWithinTheGracePeriod() {

		supervisor = supervisor(Duration.ofSeconds(1));
		int port = FreePorts.next();
		ChildProcess stubborn = supervisor.start(tinyChild("stubborn", health(port), "stubborn",
				Integer.toString(port)));

		supervisor.close();

		assertThat(stubborn.isAlive()).isFalse();
		assertThat(console).contains("  stubborn     stopped (killed after 1 s)");
	}

	private Supervisor supervisor(Duration grace) {
		return new Supervisor(Path.of("").toAbsolutePath(), logs, grace, console::add);
	}

	private static Readiness health(int port) {
		return new Readiness.HealthEndpoint(URI.create("http://127.0.0.1:" + port + "/actuator/health"));
	}

	private static ServiceSpec tinyChild(String name, Readiness readiness, String... args) {
		return new ServiceSpec(name, tinyChildCommand(args), Map.of(), readiness, Duration.ofSeconds(30));
	}

	private static List<String> tinyChildCommand(String... args) {

		var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), TinyChild.class.getName()));
		command.addAll(List.of(args));
		return command;
	}
}
