package dev.ficus.platform.database;

import javax.sql.DataSource;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Registers the primary transaction manager (the application's own login role, used by infrastructure
 * such as the event publication registry) and one transaction manager per module, named
 * {@code <module>Transactions}, which runs under the module's database role.
 *
 * <p>Module code picks its manager by name: {@code @Transactional("inventoryTransactions")}.
 */
class ModuleTransactionManagers implements BeanRegistrar {

	static String beanName(ModuleSchema module) {
		return module.schemaName() + "Transactions";
	}

	@Override
	public void register(BeanRegistry registry, Environment environment) {

		registry.registerBean("transactionManager", JdbcTransactionManager.class, spec -> spec
				.primary()
				.supplier(context -> new JdbcTransactionManager(context.bean(DataSource.class))));

		for (ModuleSchema module : ModuleSchema.values()) {
			registry.registerBean(beanName(module), ModuleTransactionManager.class, spec -> spec
					.supplier(context -> new ModuleTransactionManager(context.bean(DataSource.class), module)));
		}
	}
}
