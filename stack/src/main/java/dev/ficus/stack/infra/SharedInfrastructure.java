package dev.ficus.stack.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The infrastructure every service of the stack shares: one real PostgreSQL with a database per service,
 * and one ElasticMQ server answering the SQS API, both on 127.0.0.1. Runs inside the infrastructure
 * process ({@link InfrastructureCommand}); {@link #close()} stops both, and must run on every exit path,
 * because ElasticMQ's threads would otherwise keep the JVM alive.
 */
public final class SharedInfrastructure implements AutoCloseable {

	/** The login role of the monolith; it holds no rights of its own (see the monolith's docs). */
	public static final String APPLICATION_ROLE = "ficus_app";

	public static final String APPLICATION_PASSWORD = "ficus_app";

	public static final String SUPERUSER = "postgres";

	/** The embedded server trusts loopback connections; the password is there for clients that insist. */
	public static final String SUPERUSER_PASSWORD = "postgres";

	private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

	private final EmbeddedPostgres postgres;

	private final SQSRestServer sqs;

	private SharedInfrastructure(EmbeddedPostgres postgres, SQSRestServer sqs) {
		this.postgres = postgres;
		this.sqs = sqs;
	}

	/**
	 * Starts PostgreSQL (data kept in {@code dataDirectory} across runs), creates the databases and the
	 * application role if they are missing, then starts ElasticMQ.
	 */
	public static SharedInfrastructure start(Path dataDirectory, int postgresPort, int sqsPort,
			List<String> databases) throws IOException, SQLException {

		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(Files.createDirectories(dataDirectory.toAbsolutePath()))
				.setCleanDataDirectory(false)
				.setPort(postgresPort)
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "300")
				.setRegisterShutdownHook(false)
				.start();
		try {
			createDatabasesAndApplicationRole(postgres, databases);
			log.info("PostgreSQL listens on 127.0.0.1:{} with databases {} and data in {}", postgresPort,
					databases, dataDirectory);

			SQSRestServer sqs = SQSRestServerBuilder.withInterface("127.0.0.1")
					.withPort(sqsPort)
					// Queue URLs the server hands out must name the port it really listens on.
					.withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, ""))
					.withAWSRegion("us-east-1")
					.start();
			sqs.waitUntilStarted();
			log.info("ElasticMQ answers the SQS API on http://127.0.0.1:{}", sqsPort);

			return new SharedInfrastructure(postgres, sqs);
		}
		catch (RuntimeException | SQLException ex) {
			postgres.close();
			throw ex;
		}
	}

	private static void createDatabasesAndApplicationRole(EmbeddedPostgres postgres, List<String> databases)
			throws SQLException {

		try (Connection admin = postgres.getPostgresDatabase().getConnection();
				Statement statement = admin.createStatement()) {

			for (String database : databases) {
				try (var exists = statement.executeQuery(
						"SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
					if (exists.next()) {
						continue;
					}
				}
				statement.execute("CREATE DATABASE " + database);
			}

			// NOINHERIT: the monolith's login role switches to a module role per transaction and holds no
			// module's rights itself.
			statement.execute("""
					DO $$ BEGIN
					  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
					    CREATE ROLE %1$s LOGIN NOINHERIT PASSWORD '%2$s';
					  END IF;
					END $$""".formatted(APPLICATION_ROLE, APPLICATION_PASSWORD));
			statement.execute("ALTER ROLE %s PASSWORD '%s'".formatted(SUPERUSER, SUPERUSER_PASSWORD));
		}
	}

	@Override
	public void close() {

		try {
			sqs.stopAndWait();
			log.info("ElasticMQ stopped");
		}
		finally {
			try {
				postgres.close();
				log.info("PostgreSQL stopped");
			}
			catch (IOException ex) {
				log.warn("PostgreSQL did not stop cleanly: {}", ex.getMessage());
			}
		}
	}
}
