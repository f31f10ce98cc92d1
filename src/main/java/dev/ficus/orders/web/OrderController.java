package dev.ficus.orders.web;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.ficus.orders.Order;
import dev.ficus.orders.OrderStats;
import dev.ficus.orders.OrderStatus;
import dev.ficus.orders.Orders;
import dev.ficus.orders.Orders.OrderLine;
import dev.ficus.orders.PlacementKeyReused;
import dev.ficus.orders.UnknownCustomer;
import dev.ficus.platform.idempotency.IdempotencyKey;
import dev.ficus.platform.web.ProblemType;
import dev.ficus.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Places and reads orders. A request that breaks the rules of its shape (no lines, a quantity outside 1
 * to 1000, more than 100 lines, a SKU twice) is a 400; a well-formed order for a customer nobody knows is
 * a 422. Unknown SKUs and missing stock are not refused here: the saga rejects such orders.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

	private final Orders orders;

	OrderController(Orders orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<Placed> place(@Validated @RequestBody Placement placement, @Nullable IdempotencyKey key) {

		var placed = orders.place(placement.customerId(), placement.lines()
				.stream()
				.map(line -> new OrderLine(line.sku(), line.quantity()))
				.toList(), key);

		return ResponseEntity.accepted()
				.location(URI.create("/orders/" + placed.orderId()))
				.body(new Placed(placed.orderId(), placed.status()));
	}

	@GetMapping("/{orderId}")
	Order order(@PathVariable UUID orderId) {
		return orders.find(orderId)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order with id " + orderId));
	}

	/** The customer's latest orders, or everyone's when no customer is given; newest first. */
	@GetMapping
	OrderList orders(@RequestParam @Nullable UUID customerId,
			@RequestParam(defaultValue = "100") int limit) {

		if (limit < 1 || limit > 500) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to 500, was " + limit);
		}

		return new OrderList(customerId == null ? orders.latest(limit) : orders.byCustomer(customerId, limit));
	}

	@GetMapping("/stats")
	OrderStats stats() {
		return orders.stats();
	}

	@ExceptionHandler
	ProblemDetail unknownCustomer(UnknownCustomer refusal, HttpServletRequest request) {
		return Problems.of(ProblemType.REFERENCE_NOT_FOUND, refusal.getMessage(), request);
	}

	@ExceptionHandler
	ProblemDetail keyReused(PlacementKeyReused refusal, HttpServletRequest request) {
		return Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED, refusal.getMessage(), request);
	}

	record Placement(@NotNull UUID customerId,
			@NotEmpty @Size(max = 100) List<@NotNull @Valid Line> lines) {

		@JsonIgnore
		@AssertTrue(message = "each SKU may appear on one line only")
		boolean isEachSkuOnce() {
			if (lines == null) {
				return true;
			}
			var seen = new HashSet<String>();
			return lines.stream().allMatch(line -> line == null || line.sku() == null || seen.add(line.sku()));
		}
	}

	record Line(@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String sku,
			@NotNull @Min(1) @Max(1000) Integer quantity) {
	}

	record Placed(UUID orderId, OrderStatus status) {
	}

	record OrderList(List<Order> orders) {
	}
}
