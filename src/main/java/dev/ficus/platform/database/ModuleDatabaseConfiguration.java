package dev.ficus.platform.database;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Spring Boot's Flyway runs the {@code db/platform} migrations (the module roles); this strategy then
 * migrates every module's schema (see {@link ModuleMigrations}). Everything else that uses the database
 * waits for it, because Boot orders database users after Flyway.
 */
@Configuration(proxyBeanMethods = false)
@Import(ModuleTransactionManagers.class)
class ModuleDatabaseConfiguration {

	@Bean
	FlywayMigrationStrategy migrateEveryModuleSchema() {
		return platform -> new ModuleMigrations().migrate(platform);
	}
}
