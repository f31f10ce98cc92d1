package dev.ficus.platform.database;

import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates each module's schema with a Flyway of its own, so every module keeps its migration history
 * in its own schema and can later move to a database of its own with that history intact.
 *
 * <p>Each module's Flyway copies the platform Flyway's settings (connection, placeholders, validation)
 * and changes only the schema and the location. Flyway's defaults are kept on purpose: a migration
 * numbered below the latest applied one fails validation and stops start-up instead of being skipped.
 */
class ModuleMigrations {

	private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

	Map<ModuleSchema, MigrateResult> migrate(Flyway platform) {

		platform.migrate();

		Map<ModuleSchema, MigrateResult> results = new LinkedHashMap<>();
		for (ModuleSchema module : ModuleSchema.values()) {
			MigrateResult result = flywayFor(platform, module.schemaName(), module.migrationLocation()).migrate();
			log.info("Schema {} is at version {} ({} migrations applied now)", module.schemaName(),
					result.targetSchemaVersion, result.migrationsExecuted);
			results.put(module, result);
		}
		return results;
	}

	static Flyway flywayFor(Flyway platform, String schema, String location) {
		return Flyway.configure()
				.configuration(platform.getConfiguration())
				.schemas(schema)
				.defaultSchema(schema)
				.locations(location)
				.load();
	}
}
