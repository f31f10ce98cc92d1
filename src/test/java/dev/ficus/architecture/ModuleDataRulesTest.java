package dev.ficus.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class ModuleDataRulesTest {

	private static final Path MODULE_SOURCES = Path.of("src/main/java/dev/ficus");

	@Test
	void keepsEveryModuleTransactionUnderItsOwnRole() {

		var classes = new ClassFileImporter()
				.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.ficus");

		ModuleDataRules.transactionsUseTheirOwnModulesRole("dev.ficus").check(classes);
	}

	@Test
	void catchesAModuleRunningATransactionUnderAnotherModulesRole() {

		var fixture = new ClassFileImporter().importPackages("example.rules");

		assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> ModuleDataRules.transactionsUseTheirOwnModulesRole("example.rules").check(fixture))
				.withMessageContaining("'inventoryTransactions', not 'ordersTransactions'");
	}

	@Test
	void keepsEveryModulesSqlInsideItsOwnSchema() throws IOException {

		try (var modules = Files.list(MODULE_SOURCES)) {
			modules.filter(Files::isDirectory).forEach(module -> assertThat(
					ModuleDataRules.crossSchemaSqlIn(module, module.getFileName().toString()))
					.as("SQL of module %s", module.getFileName())
					.isEmpty());
		}
	}

	@Test
	void catchesSqlThatJoinsAnotherModulesTable(@TempDir Path orders) throws IOException {

		Files.writeString(orders.resolve("OrderReport.java"), """
				class OrderReport {
					String sql = "SELECT o.id FROM orders.purchase_order o JOIN inventory.item i ON i.sku = o.sku";
				}
				""");

		assertThat(ModuleDataRules.crossSchemaSqlIn(orders, "orders"))
				.singleElement()
				.asString()
				.contains("JOIN inventory.item");
	}
}
