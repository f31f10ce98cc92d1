package example.violations.shop;

import example.violations.billing.internal.InvoiceNumbers;

public class Checkout {

	private final InvoiceNumbers invoiceNumbers = new InvoiceNumbers();

	public String invoice() {
		return invoiceNumbers.next();
	}
}
