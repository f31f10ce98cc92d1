package dev.ficus.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL from the binaries in a Maven artifact when no database is configured, so the
 * monolith runs on a laptop with nothing but a JDK. With {@code SPRING_DATASOURCE_URL} set (Aurora in
 * AWS) none of this is created and Spring Boot's ordinary DataSource is used instead.
 *
 * <p>Two data sources point at the embedded server: Flyway migrates as the superuser, because the
 * platform migration creates roles; the application logs in as {@value #APPLICATION_ROLE}, which is what
 * it would be in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "embedded", matchIfMissing = true)
class EmbeddedPostgresConfiguration {

	static final String APPLICATION_ROLE = "ficus_app";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	private static final String DATABASE = "ficus";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${ficus.embedded.postgres.data-directory:}") String dataDirectory)
			throws IOException, SQLException {

		boolean temporary = dataDirectory.isBlank();
		Path directory = temporary
				? Files.createTempDirectory("ficus-postgres-")
				: Files.createDirectories(Path.of(dataDirectory).toAbsolutePath());

		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(directory)
				.setCleanDataDirectory(temporary)
				// Spring stops the server after everything that uses it; a hook of its own would race them.
				.setRegisterShutdownHook(false)
				.start();

		createDatabaseAndApplicationRole(postgres);

		log.info("Embedded PostgreSQL listens on port {} with data in {}", postgres.getPort(), directory);
		return postgres;
	}

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource dataSource(EmbeddedPostgres postgres) {

		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("ficus");
		dataSource.setJdbcUrl(postgres.getJdbcUrl(APPLICATION_ROLE, DATABASE));
		dataSource.setUsername(APPLICATION_ROLE);
		dataSource.setPassword(APPLICATION_ROLE);
		dataSource.setMaximumPoolSize(20);
		dataSource.setMinimumIdle(2);
		return dataSource;
	}

	@Bean(destroyMethod = "close")
	@FlywayDataSource
	HikariDataSource migrationDataSource(EmbeddedPostgres postgres) {

		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("ficus-migrations");
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", DATABASE));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(2);
		return dataSource;
	}

	static void createDatabaseAndApplicationRole(EmbeddedPostgres postgres) throws SQLException {

		try (Connection admin = postgres.getPostgresDatabase().getConnection();
				var statement = admin.createStatement()) {

			var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
			if (!exists.next()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}

			// NOINHERIT: the login role holds no module's rights until a transaction switches to that
			// module's role (see ModuleTransactionManager).
			statement.execute("""
					DO $$ BEGIN
					  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
					    CREATE ROLE %1$s LOGIN NOINHERIT PASSWORD '%1$s';
					  END IF;
					END $$""".formatted(APPLICATION_ROLE));
		}
	}
}
