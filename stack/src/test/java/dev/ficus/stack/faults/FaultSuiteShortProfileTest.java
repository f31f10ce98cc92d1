package dev.ficus.stack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.ficus.stack.FicusStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault suite's short profile, as CI runs it: kill -9 of the monolith mid-saga, an SQS outage and a
 * replay of delivered messages, each under load, and every row of the table must pass. Skipped when the
 * monolith jar is missing: {@code ./ficus test} builds the root project first ({@code -Dficus.home=<checkout>}
 * uses another checkout's jars). The full suite is {@code ./ficus faults} (docs/fault-suite.md).
 */
class FaultSuiteShortProfileTest {

	private static final Path HOME = Path.of(System.getProperty("ficus.home", "..")).toAbsolutePath().normalize();

	private static final Path MONOLITH_JAR = HOME.resolve("target/ficus-monolith-0.1.0-SNAPSHOT.jar");

	private static final Path STATE = Path.of("target/fault-suite").toAbsolutePath();

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void losesNoOrderAndDoublesNoEffectUnderCrashOutageAndReplay() throws IOException {

		assumeTrue(Files.isRegularFile(MONOLITH_JAR), "Skipped: the monolith is not built (" + MONOLITH_JAR
				+ " is missing); run ./mvnw package -DskipTests at the repository root first");

		int exitCode = FicusStack.execute("faults", "--short", "--home", HOME.toString(), "--state-dir",
				STATE.toString(), "--fresh", "--start-timeout", "400");

		assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
				.as("processes left running after the suite stopped")
				.isEmpty();
		JsonNode result = JsonMapper.builder().build().readTree(STATE.resolve("faults.json").toFile());
		assertThat(result.path("rows")).extracting(row -> row.path("fault").asString())
				.containsExactly("kill-9", "sqs-outage", "replay");
		for (JsonNode row : result.path("rows")) {
			assertThat(row.path("accepted").asInt()).as("orders accepted under %s", row.path("fault")).isPositive();
			assertThat(row.path("passed").asBoolean()).as("row %s", row.toPrettyString()).isTrue();
		}
		assertThat(exitCode).isZero();
	}
}
