package dev.ficus.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Migrations against a real PostgreSQL, run the way start-up runs them, several times over.
 */
class ModuleMigrationsTest {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
		EmbeddedPostgresConfiguration.createDatabaseAndApplicationRole(postgres);
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Test
	void keepsEachModulesHistoryInItsOwnSchemaAndReportsUpToDateOnEveryRestart() {

		Map<ModuleSchema, MigrateResult> first = new ModuleMigrations().migrate(platformFlyway());
		Map<ModuleSchema, MigrateResult> second = new ModuleMigrations().migrate(platformFlyway());
		Map<ModuleSchema, MigrateResult> third = new ModuleMigrations().migrate(platformFlyway());

		assertThat(first.get(ModuleSchema.INVENTORY).migrationsExecuted).isPositive();
		assertThat(second.values()).allSatisfy(result -> assertThat(result.migrationsExecuted).isZero());
		assertThat(third.values()).allSatisfy(result -> assertThat(result.migrationsExecuted).isZero());

		var jdbc = JdbcClient.create(postgres.getDatabase("postgres", "ficus"));
		for (ModuleSchema module : ModuleSchema.values()) {
			Long appliedHere = jdbc.sql("SELECT count(*) FROM " + module.schemaName() + ".flyway_schema_history")
					.query(Long.class)
					.single();
			assertThat(appliedHere).as("migrations recorded in schema %s", module.schemaName()).isPositive();
		}
	}

	@Test
	void stopsStartUpWhenAMigrationNumberedBelowTheLatestArrivesLate(@TempDir Path migrations) throws IOException {

		Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first (id INT);");
		Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE second (id INT);");
		Flyway platform = platformFlyway();
		platform.migrate();
		ModuleMigrations.flywayFor(platform, "late_arrivals", "filesystem:" + migrations).migrate();

		Files.writeString(migrations.resolve("V1_5__added_late.sql"), "CREATE TABLE added_late (id INT);");

		assertThatExceptionOfType(FlywayException.class)
				.isThrownBy(() -> ModuleMigrations.flywayFor(platformFlyway(), "late_arrivals",
						"filesystem:" + migrations).migrate())
				.withMessageContaining("1.5");
	}

	private static Flyway platformFlyway() {
		return Flyway.configure()
				.dataSource(postgres.getJdbcUrl("postgres", "ficus"), "postgres", "")
				.schemas("platform")
				.locations("classpath:db/platform")
				.placeholders(Map.of("app_user", EmbeddedPostgresConfiguration.APPLICATION_ROLE))
				.load();
	}
}
