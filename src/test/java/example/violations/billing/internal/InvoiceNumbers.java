package example.violations.billing.internal;

public class InvoiceNumbers {

	public String next() {
		return "INV-1";
	}
}
