package dev.ficus.orders;

import java.util.UUID;

/** An order names a customer the customers module does not know. */
public class UnknownCustomer extends RuntimeException {

	public UnknownCustomer(UUID customerId) {
		super("No customer with id " + customerId);
	}
}
