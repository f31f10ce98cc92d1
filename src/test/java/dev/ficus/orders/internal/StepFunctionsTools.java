package dev.ficus.orders.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Node.js tools in src/test/asl (asl-validator, aws-local-stepfunctions, pinned in its package.json
 * and package-lock.json), installed with {@code npm ci} the first time a test needs them and again when
 * the lock file changes, so a clean clone needs only Node.js and npm.
 */
final class StepFunctionsTools {

	static final Path DIRECTORY = Path.of("src", "test", "asl").toAbsolutePath();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static boolean installed;

	private StepFunctionsTools() {
	}

	/** Output and exit code of a tool. */
	record Outcome(int exitCode, String output) {
	}

	/** Validates a definition with asl-validator. */
	static Outcome validate(Path definition) {
		install();
		return run(List.of("node", DIRECTORY.resolve("node_modules/asl-validator/dist/bin/asl-validator.js").toString(),
				"--json-path", definition.toString()), 60);
	}

	/** Runs a definition in aws-local-stepfunctions with simulated participants; see execute.mjs. */
	static JsonNode execute(Path definition, Path scenario) {

		install();
		Outcome outcome = run(List.of("node", DIRECTORY.resolve("execute.mjs").toString(), definition.toString(),
				scenario.toString()), 120);
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException("execute.mjs failed (" + outcome.exitCode() + "): " + outcome.output());
		}
		return JSON.readTree(outcome.output());
	}

	private static synchronized void install() {

		if (installed) {
			return;
		}
		requireNode();
		Path installedLock = DIRECTORY.resolve("node_modules/.package-lock.json");
		Path lock = DIRECTORY.resolve("package-lock.json");
		if (!Files.exists(installedLock) || modified(installedLock).compareTo(modified(lock)) < 0) {
			Outcome outcome = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
			if (outcome.exitCode() != 0) {
				throw new IllegalStateException("npm ci in " + DIRECTORY + " failed (" + outcome.exitCode() + "): "
						+ outcome.output());
			}
		}
		installed = true;
	}

	/**
	 * The README promises that a machine with only a JDK runs the tests, so without Node.js these checks are
	 * skipped, loudly. CI has Node.js and must run them: where the {@code CI} variable is set, as CI services
	 * set it, a missing Node.js fails the build.
	 */
	private static void requireNode() {

		boolean available;
		try {
			available = run(List.of("node", "--version"), 30).exitCode() == 0;
		}
		catch (IllegalStateException notRunnable) {
			available = false;
		}
		if (available) {
			return;
		}
		String why = "Node.js is not installed: the Step Functions export is not validated or executed "
				+ "(install Node.js 20+ and npm to run these checks)";
		if (System.getenv("CI") != null) {
			throw new IllegalStateException(why + "; CI must run them");
		}
		System.err.println("SKIPPED: " + why);
		Assumptions.abort(why);
	}

	/** Runs a command in the tools' directory; stdout alone is the output when it succeeds, both otherwise. */
	private static Outcome run(List<String> command, int limitSeconds) {

		try {
			Path errors = Files.createTempFile("asl-tool", ".err");
			try {
				Process process = new ProcessBuilder(new ArrayList<>(command)).directory(DIRECTORY.toFile())
						.redirectError(errors.toFile())
						.start();
				process.getOutputStream().close();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command + " did not end within " + limitSeconds + " s");
				}
				int exitCode = process.exitValue();
				return new Outcome(exitCode, exitCode == 0 ? output
						: output + System.lineSeparator() + Files.readString(errors, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException failure) {
			throw new IllegalStateException("Could not run " + command + " (are Node.js and npm installed?)", failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, interrupted);
		}
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException failure) {
			throw new IllegalStateException("Cannot read " + file, failure);
		}
	}
}
