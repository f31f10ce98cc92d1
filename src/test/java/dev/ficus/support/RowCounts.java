package dev.ficus.support;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Counts a module's rows, under that module's role, to show that a refused request wrote nothing. */
public final class RowCounts {

	private RowCounts() {
	}

	/** All rows of the module's tables named, e.g. {@code ("orders", "purchase_order", "saga")}. */
	public static long of(ApplicationContext context, String module, String... tables) {

		var transactions = new TransactionTemplate(
				context.getBean(module + "Transactions", PlatformTransactionManager.class));
		JdbcClient jdbc = context.getBean(JdbcClient.class);

		Long total = transactions.execute(status -> {
			long sum = 0;
			for (String table : tables) {
				sum += jdbc.sql("SELECT count(*) FROM " + module + "." + table).query(Long.class).single();
			}
			return sum;
		});
		return total == null ? 0 : total;
	}
}
