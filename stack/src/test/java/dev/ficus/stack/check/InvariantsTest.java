package dev.ficus.stack.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ficus.stack.check.CheckResult.Outcome;
import dev.ficus.stack.traffic.OrderBook;
import dev.ficus.stack.traffic.OrderLine;
import dev.ficus.stack.traffic.OrderStatus;
import dev.ficus.stack.traffic.StockLevel;

class InvariantsTest {

	private static final OrderStatus COMPLETED = new OrderStatus(OrderStatus.State.COMPLETED, "", null, "COMPLETED");

	private static final OrderStatus COMPENSATED = new OrderStatus(OrderStatus.State.REJECTED, "payment declined",
			null, "COMPENSATED");

	@Test
	void passesWhenStockMovedBetweenShelfReservationsAndShipmentsButNoneWasLost() {

		var before = Map.of("FIG", new StockLevel(10, 0, 5));
		var added = Map.of("FIG", 20, "POT", 3);
		var after = Map.of("FIG", new StockLevel(22, 2, 11), "POT", new StockLevel(0, 0, 3));

		CheckResult result = Invariants.stockConserved(before, added, after);

		assertThat(result.outcome()).isEqualTo(Outcome.PASS);
		assertThat(result.detail()).isEqualTo("2 SKUs checked, none off");
	}

	@Test
	void failsNamingTheSkuWhoseStockDisappeared() {

		var before = Map.of("FIG", new StockLevel(10, 0, 5));
		var added = Map.of("FIG", 20, "POT", 3);
		var after = Map.of("FIG", new StockLevel(21, 2, 11), "POT", new StockLevel(0, 0, 3));

		CheckResult result = Invariants.stockConserved(before, added, after);

		assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(result.detail()).isEqualTo("1 of 2 SKUs off, e.g. FIG: expected 35, found 34");
		assertThat(result.numbers()).containsEntry("violations", 1);
	}

	@Test
	void failsWhenStockStaysReservedAfterTheSagasFinished() {

		var before = Map.of("FIG", new StockLevel(10, 1, 0));
		var after = Map.of("FIG", new StockLevel(7, 1, 2), "POT", new StockLevel(0, 2, 1));

		assertThat(Invariants.nothingLeftReserved(before, List.of("FIG"), after).outcome()).isEqualTo(Outcome.PASS);
		assertThat(Invariants.nothingLeftReserved(before, List.of("FIG", "POT"), after).detail())
				.isEqualTo("1 of 2 SKUs off, e.g. POT: 2 reserved");
	}

	@Test
	void comparesShippedStockWithTheQuantitiesOfCompletedOrdersOnly() {

		var before = Map.of("FIG", new StockLevel(10, 0, 0), "POT", new StockLevel(5, 0, 0));
		var after = Map.of("FIG", new StockLevel(7, 0, 3), "POT", new StockLevel(5, 0, 0));
		var completed = order("o-1", COMPLETED, 300, new OrderLine("FIG", 2), new OrderLine("FIG", 1));
		var compensated = order("o-2", COMPENSATED, 500, new OrderLine("POT", 4));

		assertThat(Invariants.shippedMatchesCompletedOrders(before, after, List.of(completed, compensated)).outcome())
				.isEqualTo(Outcome.PASS);

		var shippedTooMuch = Map.of("FIG", new StockLevel(6, 0, 4), "POT", new StockLevel(5, 0, 0));
		CheckResult result = Invariants.shippedMatchesCompletedOrders(before, shippedTooMuch, List.of(completed));
		assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(result.detail()).contains("FIG: shipped 4, completed orders hold 3");
	}

	@Test
	void matchesNetChargesWithTheTotalsOfCompletedOrders() {

		var orders = List.of(order("o-1", COMPLETED, 12_345), order("o-2", COMPLETED, 655),
				order("o-3", COMPENSATED, 9_999));

		CheckResult matching = Invariants.paymentsMatchCompletedOrders("provider ledger", 13_000L, orders);
		CheckResult chargedTwice = Invariants.paymentsMatchCompletedOrders("provider ledger", 13_655L, orders);

		assertThat(matching.outcome()).isEqualTo(Outcome.PASS);
		assertThat(matching.detail()).isEqualTo("net charged 130.00, completed orders total 130.00");
		assertThat(chargedTwice.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(chargedTwice.detail()).endsWith("difference 6.55");
	}

	@Test
	void skipsThePaymentCheckWhenTheLedgerCannotBeRead() {

		CheckResult result = Invariants.paymentsMatchCompletedOrders("payments module", null, List.of());

		assertThat(result.outcome()).isEqualTo(Outcome.SKIP);
		assertThat(result.failed()).isFalse();
	}

	@Test
	void countsARejectedOrderWhoseSagaIsStillCompensatingAsNotTerminal() {

		var compensating = new OrderStatus(OrderStatus.State.REJECTED, "out of stock", null, "COMPENSATING");
		var orders = List.of(order("o-1", COMPLETED, 100), order("o-2", COMPENSATED, 100),
				order("o-3", compensating, 100), order("o-4", OrderStatus.PENDING, 100));

		CheckResult result = Invariants.everySagaTerminal(orders, Duration.ofSeconds(60));

		assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(result.detail()).isEqualTo(
				"2 of 4 orders off, e.g. o-3: REJECTED (saga COMPENSATING); o-4: PENDING");
	}

	@Test
	void failsWhenARetryWithTheSameKeyCreatedAnotherOrder() {

		var orders = List.of(order("o-1", COMPLETED, 100));
		var faithful = new OrderBook.Retry("key-o-1", "o-1", 200, "o-1");
		var duplicating = new OrderBook.Retry("key-o-1", "o-1", 202, "o-9");

		assertThat(Invariants.retriesCreatedNoDuplicates(List.of(faithful), orders).outcome()).isEqualTo(Outcome.PASS);
		CheckResult result = Invariants.retriesCreatedNoDuplicates(List.of(faithful, duplicating), orders);
		assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(result.detail()).contains("retry answered HTTP 202 with order o-9");
	}

	@Test
	void failsWhenAMalformedRequestIsAcceptedOrAnsweredWithoutProblemJson() {

		var refused = new OrderBook.Probe("order without lines", 400, true);
		var plainError = new OrderBook.Probe("body that is not JSON", 400, false);
		var accepted = new OrderBook.Probe("order with quantity 0", 202, false);

		assertThat(Invariants.malformedRequestsRefused(List.of(refused)).outcome()).isEqualTo(Outcome.PASS);
		CheckResult result = Invariants.malformedRequestsRefused(List.of(refused, plainError, accepted));
		assertThat(result.outcome()).isEqualTo(Outcome.FAIL);
		assertThat(result.detail()).isEqualTo("2 of 3 requests off, e.g. body that is not JSON: HTTP 400, not "
				+ "problem+json; order with quantity 0: HTTP 202, not problem+json");
	}

	@Test
	void failsARunInWhichThePlatformAcceptedNoOrder() {

		assertThat(Invariants.ordersWereAccepted(300, 0, 0, 300).outcome()).isEqualTo(Outcome.FAIL);
		assertThat(Invariants.ordersWereAccepted(300, 297, 3, 0).detail())
				.isEqualTo("297 of 300 accepted (3 refused at the edge, 0 errors)");
	}

	private static OrderBook.Order order(String id, OrderStatus status, long totalCents, OrderLine... lines) {

		var book = new OrderBook();
		book.accepted("key-" + id, id, List.of(lines), totalCents);
		book.observed(id, status);
		return book.orders().iterator().next();
	}
}
