package dev.ficus.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@ActiveProfiles("test")
class ModuleDatabaseRolesTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("inventoryTransactions")
	PlatformTransactionManager inventoryTransactions;

	@Autowired
	@Qualifier("ordersTransactions")
	PlatformTransactionManager ordersTransactions;

	@Test
	void letsAModuleReadItsOwnTables() {

		Long items = new TransactionTemplate(inventoryTransactions)
				.execute(status -> jdbc.sql("SELECT count(*) FROM inventory.item").query(Long.class).single());

		assertThat(items).isNotNull();
	}

	@Test
	void makesPostgresRefuseAReadOfAnotherModulesSchema() {

		var orders = new TransactionTemplate(ordersTransactions);

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> orders.execute(status -> jdbc.sql("SELECT count(*) FROM inventory.item")
						.query(Long.class)
						.single()))
				.satisfies(refusal -> assertThat(refusal).rootCause()
						.hasMessageContaining("permission denied for schema inventory"));
	}

	@Test
	void givesTheLoginRoleNoRightsOnModuleTablesOutsideAModuleTransaction() {

		assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> jdbc.sql("SELECT count(*) FROM inventory.item").query(Long.class).single())
				.satisfies(refusal -> assertThat(refusal).rootCause().hasMessageContaining("permission denied"));
	}

	@Test
	void switchesBackToTheLoginRoleAfterEachModuleTransaction() {

		new TransactionTemplate(inventoryTransactions)
				.execute(status -> jdbc.sql("SELECT current_user").query(String.class).single());

		String roleAfterwards = jdbc.sql("SELECT current_user").query(String.class).single();

		assertThat(roleAfterwards).isEqualTo("ficus_app");
	}
}
