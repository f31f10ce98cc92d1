package dev.ficus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

import example.violations.ViolatingApplication;

class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(FicusApplication.class);

	@Test
	void keepsEveryModuleBehindItsApi() {
		modules.verify();
	}

	@Test
	void findsTheBusinessModules() {

		assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
				.contains("customers", "inventory", "orders", "payments", "shipping", "notifications");
	}

	@Test
	void catchesAModuleReachingIntoAnotherModulesInternals() {

		// Test classes are normally left out of the analysis; this fixture is one, so import it explicitly.
		var violating = ApplicationModules.of(ViolatingApplication.class, location -> true);

		assertThatExceptionOfType(Violations.class)
				.isThrownBy(violating::verify)
				.withMessageContaining("billing.internal");
	}

	@Test
	void writesModuleDiagramsAndCanvases() throws Exception {

		var output = Path.of("target", "spring-modulith-docs");
		new Documenter(modules, output.toString()).writeDocumentation();

		try (var files = Files.list(output)) {
			assertThat(files.map(path -> path.getFileName().toString()))
					.anyMatch(name -> name.startsWith("module-orders"));
		}
	}
}
