package dev.ficus.stack.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds and stops a PostgreSQL server still running on the stack's data directory. The embedded server is
 * started through {@code pg_ctl}, so it is not a child of the infrastructure process: if that process is
 * killed before it could stop the server, the server keeps running, and the next start on the same data
 * directory would fail. Its process id is the first line of {@code postmaster.pid}.
 */
public final class LeftoverPostgres {

	private LeftoverPostgres() {
	}

	/** The server running on {@code dataDirectory}, if any. */
	public static Optional<ProcessHandle> find(Path dataDirectory) {

		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		try {
			long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
			return ProcessHandle.of(pid)
					.filter(ProcessHandle::isAlive)
					.filter(process -> process.info().command().map(command -> command.endsWith("postgres"))
							.orElse(false));
		}
		catch (IOException | RuntimeException unreadable) {
			// Half-written or foreign: nothing we can safely stop.
			return Optional.empty();
		}
	}

	/**
	 * Stops the server on {@code dataDirectory} if one is running: SIGTERM (PostgreSQL's smart shutdown),
	 * then SIGKILL after {@code grace}.
	 *
	 * @return whether a server was found
	 */
	public static boolean stop(Path dataDirectory, Duration grace) {

		Optional<ProcessHandle> server = find(dataDirectory);
		server.ifPresent(process -> {
			process.destroy();
			if (!awaitExit(process, grace)) {
				process.destroyForcibly();
				awaitExit(process, grace);
			}
		});
		return server.isPresent();
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {

		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
