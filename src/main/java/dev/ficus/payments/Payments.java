package dev.ficus.payments;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.payments.internal.PaymentTotalsQuery;

/**
 * The payments module's API: what it has taken from and given back to customers, for reconciliation with
 * the provider's ledger and with the orders. Charges and refunds themselves are requested by messages on
 * {@code payments-commands}.
 */
@Service
public class Payments {

	private final PaymentTotalsQuery totals;

	Payments(PaymentTotalsQuery totals) {
		this.totals = totals;
	}

	@Transactional(value = "paymentsTransactions", readOnly = true)
	public PaymentTotals totals() {
		return totals.totals();
	}
}
