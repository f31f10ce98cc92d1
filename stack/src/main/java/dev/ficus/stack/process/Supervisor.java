package dev.ficus.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts child processes one after the other, waits until each is ready, and stops all of them (the
 * last started first) when closed. A child that exits or stays unready past its timeout fails the start
 * with its log tail; {@link #close()} then still stops every child already running.
 */
public final class Supervisor implements AutoCloseable {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private static final int LOG_TAIL_LINES = 30;

	private final Path logDirectory;

	private final Path workingDirectory;

	private final Duration stopGrace;

	private final Consumer<String> console;

	private final HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.build();

	private final List<ChildProcess> children = new ArrayList<>();

	/**
	 * @param workingDirectory where children run, so relative paths in their settings resolve the same
	 * @param stopGrace how long a child may take to stop after being asked before it is killed
	 */
	public Supervisor(Path workingDirectory, Path logDirectory, Duration stopGrace, Consumer<String> console) {
		this.workingDirectory = workingDirectory;
		this.logDirectory = logDirectory;
		this.stopGrace = stopGrace;
		this.console = console;
	}

	/**
	 * Starts the child and returns once it is ready.
	 *
	 * @throws ServiceFailedToStart if it exits first or is not ready within its start timeout
	 */
	public ChildProcess start(ServiceSpec spec) {

		Path logFile = logDirectory.resolve(spec.name() + ".log");
		ChildProcess child = launch(spec, logFile);
		console.accept("  %-12s starting (pid %d, log %s)".formatted(spec.name(), child.pid(), logFile));

		Instant started = Instant.now();
		Instant deadline = started.plus(spec.startTimeout());
		while (!isReady(child, spec.readiness())) {
			if (!child.isAlive()) {
				throw new ServiceFailedToStart(spec.name(), "exited with code " + child.exitValue() + " while starting",
						child.logTail(LOG_TAIL_LINES));
			}
			if (Instant.now().isAfter(deadline)) {
				throw new ServiceFailedToStart(spec.name(), "was not ready within " + spec.startTimeout().toSeconds()
						+ " s (" + describe(spec.readiness()) + ")", child.logTail(LOG_TAIL_LINES));
			}
			pause();
		}

		console.accept("  %-12s ready in %.1f s".formatted(spec.name(),
				Duration.between(started, Instant.now()).toMillis() / 1000.0));
		return child;
	}

	public List<ChildProcess> children() {
		synchronized (children) {
			return List.copyOf(children);
		}
	}

	/** Stops every child, the last started first: gracefully, then forcefully after the grace period. */
	@Override
	public void close() {

		List<ChildProcess> running;
		synchronized (children) {
			running = new ArrayList<>(children.reversed());
			children.clear();
		}
		for (ChildProcess child : running) {
			if (!child.isAlive()) {
				continue;
			}
			boolean graceful = child.stop(stopGrace);
			console.accept("  %-12s stopped%s".formatted(child.name(), graceful ? "" : " (killed after "
					+ stopGrace.toSeconds() + " s)"));
		}
	}

	private ChildProcess launch(ServiceSpec spec, Path logFile) {

		try {
			Files.createDirectories(logDirectory);
			var builder = new ProcessBuilder(spec.command())
					.directory(workingDirectory.toFile())
					.redirectErrorStream(true)
					.redirectOutput(logFile.toFile());
			builder.environment().putAll(spec.environment());

			// Registered before anyone can ask to stop, so a concurrent close() cannot miss it.
			synchronized (children) {
				ChildProcess child = new ChildProcess(spec.name(), builder.start(), logFile);
				children.add(child);
				return child;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + spec.name() + ": " + spec.command(), ex);
		}
	}

	private boolean isReady(ChildProcess child, Readiness readiness) {

		return switch (readiness) {
			case Readiness.LogLine line -> child.logContains(line.marker());
			case Readiness.HealthEndpoint health -> answers(health.uri(), true);
			case Readiness.HttpOk ok -> answers(ok.uri(), false);
		};
	}

	private boolean answers(URI uri, boolean mustBeUp) {

		var request = HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(2))
				.GET()
				.build();
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200
					&& (!mustBeUp || response.body().replace(" ", "").contains("\"status\":\"UP\""));
		}
		catch (IOException notListeningYet) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + uri, ex);
		}
	}

	private static String describe(Readiness readiness) {

		return switch (readiness) {
			case Readiness.LogLine line -> "waiting for \"" + line.marker() + "\" in its log";
			case Readiness.HealthEndpoint health -> "waiting for UP from " + health.uri();
			case Readiness.HttpOk ok -> "waiting for HTTP 200 from " + ok.uri();
		};
	}

	private static void pause() {

		try {
			Thread.sleep(POLL_INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a child process", ex);
		}
	}
}
