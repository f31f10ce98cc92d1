package example.rules.orders;

import org.springframework.transaction.annotation.Transactional;

/**
 * A deliberately broken module class: it runs a transaction under the inventory module's role.
 */
public class OrderReports {

	@Transactional("inventoryTransactions")
	public void stockPerOrder() {
	}
}
