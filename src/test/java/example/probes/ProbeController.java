package example.probes;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Test-only mutating endpoints under module paths, each counting how often its work really ran, so tests
 * can tell an execution from a replay. Imported explicitly; component scanning never sees this package.
 */
@RestController
public class ProbeController {

	public final AtomicInteger executions = new AtomicInteger();

	public final AtomicInteger failuresLeft = new AtomicInteger();

	public volatile CountDownLatch gate = new CountDownLatch(0);

	public record Stock(@NotBlank String name, @Min(1) int quantity) {
	}

	record Done(int execution, String name, int quantity) {
	}

	@PostMapping("/inventory/probes/counter")
	ResponseEntity<Done> counter(@Valid @RequestBody Stock stock) {
		return created("/inventory/probes/counter/", stock);
	}

	@PostMapping("/orders/probes/required")
	ResponseEntity<Done> required(@Valid @RequestBody Stock stock) {
		return created("/orders/probes/required/", stock);
	}

	@PutMapping("/customers/probes/{number}")
	ResponseEntity<Done> numbered(@PathVariable long number, @Valid @RequestBody Stock stock) {
		return created("/customers/probes/" + number + "/", stock);
	}

	@PostMapping("/inventory/probes/flaky")
	ResponseEntity<Done> flaky(@Valid @RequestBody Stock stock) {

		executions.incrementAndGet();
		if (failuresLeft.getAndDecrement() > 0) {
			throw new IllegalStateException("Simulated failure with internals nobody should see");
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(new Done(executions.get(), stock.name(), 0));
	}

	@PostMapping("/inventory/probes/gated")
	ResponseEntity<Done> gated(@Valid @RequestBody Stock stock) throws InterruptedException {

		executions.incrementAndGet();
		if (!gate.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The test never opened the gate");
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(new Done(executions.get(), stock.name(), 0));
	}

	@PostMapping("/inventory/probes/refused")
	ResponseEntity<Done> refused(@Valid @RequestBody Stock stock) {

		executions.incrementAndGet();
		throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "Not enough stock of " + stock.name());
	}

	private ResponseEntity<Done> created(String base, Stock stock) {

		int execution = executions.incrementAndGet();
		return ResponseEntity.created(URI.create(base + execution))
				.body(new Done(execution, stock.name(), stock.quantity()));
	}
}
