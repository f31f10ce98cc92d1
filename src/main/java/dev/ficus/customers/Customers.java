package dev.ficus.customers;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers module's API: registers customers and tells other modules whether one exists.
 *
 * <p>Every method runs in a transaction of its own under the customers role, so call it outside any
 * other module's transaction (a nested call would join that transaction and be refused by PostgreSQL).
 */
@Service
public class Customers {

	private static final Logger log = LoggerFactory.getLogger(Customers.class);

	private final JdbcClient jdbc;

	Customers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional("customersTransactions")
	public Customer register(String name, String email) {

		var customer = new Customer(UUID.randomUUID(), name, email);
		jdbc.sql("INSERT INTO customers.customer (id, name, email) VALUES (?, ?, ?)")
				.params(customer.id(), customer.name(), customer.email())
				.update();

		log.info("Customer {} registered", customer.id());
		return customer;
	}

	@Transactional(value = "customersTransactions", readOnly = true)
	public Optional<Customer> find(UUID id) {
		return jdbc.sql("SELECT id, name, email FROM customers.customer WHERE id = ?")
				.param(id)
				.query(Customer.class)
				.optional();
	}

	@Transactional(value = "customersTransactions", readOnly = true)
	public boolean exists(UUID id) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM customers.customer WHERE id = ?)")
				.param(id)
				.query(Boolean.class)
				.single();
	}
}
