package dev.ficus.payments.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ficus.payments.PaymentTotals;
import dev.ficus.payments.Payments;

@RestController
@RequestMapping("/payments")
class PaymentsController {

	private final Payments payments;

	PaymentsController(Payments payments) {
		this.payments = payments;
	}

	/** Totals to compare with the provider's ledger and with the confirmed orders. */
	@GetMapping("/ledger")
	PaymentTotals ledger() {
		return payments.totals();
	}
}
