package dev.ficus.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code ficus-stack run} end to end with a few orders against the built monolith (and the gateway
 * when it is built). Skipped when the monolith jar is missing: {@code ./ficus test} builds the root
 * project first. {@code -Dficus.home=<checkout>} runs it against the jars of another checkout.
 */
class LocalStackSmokeTest {

	private static final Path HOME = Path.of(System.getProperty("ficus.home", "..")).toAbsolutePath().normalize();

	private static final Path MONOLITH_JAR = HOME.resolve("target/ficus-monolith-0.1.0-SNAPSHOT.jar");

	private static final Path STATE = Path.of("target/smoke-stack").toAbsolutePath();

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void startsTheStackDrivesOrdersThroughItAndStopsEverything() throws IOException {

		assumeTrue(Files.isRegularFile(MONOLITH_JAR), "Skipped: the monolith is not built (" + MONOLITH_JAR
				+ " is missing); run ./mvnw package -DskipTests at the repository root first");

		int exitCode = FicusStack.execute("run", "--home", HOME.toString(), "--state-dir", STATE.toString(), "--fresh",
				"--orders", "20", "--rate", "10", "--concurrency", "4", "--skus", "20", "--customers", "5",
				"--duration", "60s", "--settle-timeout", "60s", "--start-timeout", "150s");

		assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
				.as("processes left running after the stack stopped")
				.isEmpty();
		assertThat(STATE.resolve("logs/infra.log")).content().contains("PostgreSQL stopped");
		JsonNode summary = JsonMapper.builder().build().readTree(STATE.resolve("last-run.json").toFile());

		assumeTrue(hasOrdersApi(), "Not checking the outcome: the built monolith has no orders API yet");
		assertThat(summary.path("orders").path("placed").asInt()).isPositive();
		assertThat(exitCode).as("exit code; summary: %s", summary.toPrettyString()).isZero();
	}

	private static boolean hasOrdersApi() throws IOException {

		try (var jar = new ZipFile(MONOLITH_JAR.toFile())) {
			return jar.stream()
					.map(entry -> entry.getName())
					.anyMatch(name -> name.startsWith("BOOT-INF/classes/dev/ficus/orders/")
							&& name.endsWith(".class") && !name.endsWith("package-info.class"));
		}
	}
}
