package dev.ficus.payments.internal;

import org.springframework.stereotype.Component;

import dev.ficus.payments.PaymentTotals;

/** Sums the charges and refunds; callers run inside a {@code paymentsTransactions} transaction. */
@Component
public class PaymentTotalsQuery {

	private final Charges charges;

	private final Refunds refunds;

	PaymentTotalsQuery(Charges charges, Refunds refunds) {
		this.charges = charges;
		this.refunds = refunds;
	}

	public PaymentTotals totals() {
		Charges.Totals charged = charges.totals();
		Charges.Totals refunded = refunds.totals();
		return new PaymentTotals(charged.count(), charged.cents(), refunded.count(), refunded.cents(),
				charged.cents() - refunded.cents());
	}
}
