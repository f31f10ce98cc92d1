package dev.ficus.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL for the whole test JVM, with a fresh database per name, so gateway contexts that must not
 * see each other's route tables or buckets stay apart while replicas of one test share a database.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    /** Creates the database if needed and returns its JDBC URL. */
    public static synchronized String url(String name) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + name);
                }
            }
            return postgres.getJdbcUrl("postgres", name);
        }
        catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        catch (SQLException failure) {
            throw new IllegalStateException("Cannot create test database " + name, failure);
        }
    }
}
