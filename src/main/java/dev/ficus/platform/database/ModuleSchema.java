package dev.ficus.platform.database;

import java.util.Locale;

/**
 * The modules that own a PostgreSQL schema. Each has a schema of the same name, a NOLOGIN role
 * {@code ficus_<module>} holding the only rights on it, and migrations under {@code db/<module>/}.
 *
 * <p>Declaration order is migration order: {@link #MESSAGING} comes first because every other module
 * writes its outbox rows and event publications there.
 */
public enum ModuleSchema {

	MESSAGING, CUSTOMERS, INVENTORY, ORDERS, PAYMENTS, SHIPPING, NOTIFICATIONS;

	/** The schema name, also the qualifier of the module's transaction manager. */
	public String schemaName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The NOLOGIN database role that holds the module's rights. */
	public String roleName() {
		return "ficus_" + schemaName();
	}

	/** Where the module's Flyway migrations live on the class path (copied there from {@code db/}). */
	public String migrationLocation() {
		return "classpath:db/" + schemaName();
	}
}
