package dev.ficus.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Runs every transaction of one module under that module's database role.
 *
 * <p>The application logs in as a role that inherits nothing, so outside a module transaction it can
 * read no module's tables. {@code SET LOCAL ROLE} lasts until commit or rollback, so a pooled
 * connection never carries one module's rights into the next transaction.
 */
class ModuleTransactionManager extends JdbcTransactionManager {

	private final ModuleSchema module;

	ModuleTransactionManager(DataSource dataSource, ModuleSchema module) {
		super(dataSource);
		this.module = module;
	}

	@Override
	protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
			throws SQLException {

		super.prepareTransactionalConnection(connection, definition);

		try (Statement statement = connection.createStatement()) {
			statement.execute("SET LOCAL ROLE " + module.roleName());
		}
	}

	ModuleSchema module() {
		return module;
	}
}
