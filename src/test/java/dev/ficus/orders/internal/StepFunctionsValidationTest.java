package dev.ficus.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.node.ObjectNode;

/**
 * The exported state machine passes asl-validator, the Amazon States Language validator from npm, and a
 * broken one does not. The export with the default settings is also the build's artifact,
 * target/order-placement.asl.json.
 */
class StepFunctionsValidationTest {

	static final Path ARTIFACT = Path.of("target", "order-placement.asl.json");

	@TempDir
	Path work;

	@Test
	void theExportedStateMachineIsValidAsl() throws IOException {

		ObjectNode machine = StepFunctionsExportTest.export(StepFunctionsExportTest.properties(Map.of()));
		Files.createDirectories(ARTIFACT.getParent());
		Files.writeString(ARTIFACT, StepFunctionsExportTest.JSON.writerWithDefaultPrettyPrinter()
				.writeValueAsString(machine));

		var outcome = StepFunctionsTools.validate(ARTIFACT.toAbsolutePath());

		assertThat(outcome.exitCode()).as(outcome.output()).isZero();
		assertThat(outcome.output()).contains("is valid");
	}

	@Test
	void aStateMachineThatPointsAtAMissingStateIsRefused() throws IOException {

		ObjectNode machine = StepFunctionsExportTest.export(StepFunctionsExportTest.properties(Map.of()));
		((ObjectNode) machine.get("States")).remove(StepFunctionsExport.REJECTED);

		var outcome = StepFunctionsTools.validate(write(machine, "missing-state.asl.json"));

		assertThat(outcome.exitCode()).isNotZero();
		assertThat(outcome.output()).contains(StepFunctionsExport.REJECTED);
	}

	@Test
	void aTaskWithABrokenPathIsRefused() throws IOException {

		ObjectNode machine = StepFunctionsExportTest.export(StepFunctionsExportTest.properties(Map.of()));
		((ObjectNode) machine.get("States").get("ChargePayment")).put("ResultPath", "paymentCharged");

		var outcome = StepFunctionsTools.validate(write(machine, "broken-path.asl.json"));

		assertThat(outcome.exitCode()).isNotZero();
		assertThat(outcome.output()).contains("ResultPath");
	}

	private Path write(ObjectNode machine, String name) throws IOException {

		Path file = work.resolve(name);
		Files.writeString(file, StepFunctionsExportTest.JSON.writeValueAsString(machine));
		return file;
	}
}
