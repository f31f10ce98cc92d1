package dev.ficus.customers.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.customers.Customer;
import dev.ficus.customers.Customers;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/customers")
class CustomerController {

	private final Customers customers;

	CustomerController(Customers customers) {
		this.customers = customers;
	}

	@PostMapping
	ResponseEntity<Customer> register(@Validated @RequestBody Registration registration) {

		Customer customer = customers.register(registration.name().strip(), registration.email().strip());

		return ResponseEntity.created(URI.create("/customers/" + customer.id())).body(customer);
	}

	@GetMapping("/{id}")
	Customer customer(@PathVariable UUID id) {
		return customers.find(id)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer with id " + id));
	}

	record Registration(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {
	}
}
