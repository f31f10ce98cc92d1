package dev.ficus.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A started child process with its output going to a log file of its own. */
public final class ChildProcess {

	private final String name;

	private final Process process;

	private final Path logFile;

	ChildProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	public String name() {
		return name;
	}

	public long pid() {
		return process.pid();
	}

	public Path logFile() {
		return logFile;
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** The last {@code count} lines of the child's log, for error messages. */
	public String logTail(int count) {

		if (!Files.exists(logFile)) {
			return "(no log written)";
		}
		try {
			// The log may end in the middle of a multi-byte character while the child still writes.
			String text = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
			List<String> lines = text.lines().toList();
			return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean logContains(String marker) {

		try {
			return Files.exists(logFile) && Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(marker);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Asks the child to stop, the way Ctrl-C would, and kills it after {@code grace}. Processes it started
	 * (PostgreSQL under the infrastructure process) are its own to stop; any still running afterwards are
	 * stopped the same way, so none is left without a parent.
	 *
	 * @return whether everything stopped within the grace periods
	 */
	boolean stop(Duration grace) {

		List<ProcessHandle> descendants = process.descendants().toList();
		boolean graceful = stop(process.toHandle(), grace);
		for (ProcessHandle descendant : descendants) {
			graceful &= stop(descendant, grace);
		}
		return graceful;
	}

	private static boolean stop(ProcessHandle handle, Duration grace) {

		if (!handle.isAlive()) {
			return true;
		}
		handle.destroy();
		if (awaitExit(handle, grace)) {
			return true;
		}
		handle.destroyForcibly();
		awaitExit(handle, Duration.ofSeconds(10));
		return false;
	}

	private static boolean awaitExit(ProcessHandle handle, Duration timeout) {

		try {
			handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return !handle.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	int exitValue() {
		return process.exitValue();
	}
}
