package dev.ficus.platform.database;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Migrates each module's schema with a Flyway of its own, so every module keeps its migration history
 * in its own schema and can later move to a database of its own with that history intact.
 *
 * <p>Spring Boot's Flyway runs the {@code db/platform} migrations (the module roles); this strategy then
 * runs each module's migrations with the same connection settings. Other database users wait for it,
 * because Boot orders them after Flyway.
 */
@Configuration(proxyBeanMethods = false)
@Import(ModuleTransactionManagers.class)
class ModuleDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ModuleDatabaseConfiguration.class);

	@Bean
	FlywayMigrationStrategy migrateEveryModuleSchema() {
		return platform -> {

			platform.migrate();

			for (ModuleSchema module : ModuleSchema.values()) {
				var result = Flyway.configure()
						.configuration(platform.getConfiguration())
						.schemas(module.schemaName())
						.defaultSchema(module.schemaName())
						.locations(module.migrationLocation())
						.load()
						.migrate();

				log.info("Schema {} is at version {} ({} migrations applied now)", module.schemaName(),
						result.targetSchemaVersion, result.migrationsExecuted);
			}
		};
	}
}
