package dev.ficus.stack.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class OrderBookTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void talliesOrdersByTheirLastObservedStatusAndRejectionsByReason() {

		var book = new OrderBook();
		book.accepted("k1", "o-1", List.of(new OrderLine("FIG", 1)), 100);
		book.accepted("k2", "o-2", List.of(new OrderLine("FIG", 1)), 100);
		book.accepted("k3", "o-3", List.of(new OrderLine("POT", 2)), 300);
		book.accepted("k4", "o-4", List.of(new OrderLine("POT", 1)), 150);
		book.observed("o-1", new OrderStatus(OrderStatus.State.COMPLETED, "", 100L, "COMPLETED"));
		book.observed("o-2", new OrderStatus(OrderStatus.State.REJECTED, "out of stock", 100L, "COMPENSATED"));
		book.observed("o-3", new OrderStatus(OrderStatus.State.REJECTED, "out of stock", 300L, "COMPENSATED"));
		book.observed("unknown", new OrderStatus(OrderStatus.State.COMPLETED, "", 1L, null));
		book.rejectedAtEdge(429);
		book.rejectedAtEdge(429);
		book.rejectedAtEdge(400);

		OrderBook.Tally tally = book.tally();

		assertThat(tally).isEqualTo(new OrderBook.Tally(4, 1, 2, 1, Map.of("out of stock", 2)));
		assertThat(book.pending()).extracting(OrderBook.Order::orderId).containsExactly("o-4");
		assertThat(book.edgeRejections()).containsExactly(Map.entry(400, 1), Map.entry(429, 2));
	}

	@Test
	void groupsRejectionReasonsThatDifferOnlyInSkusIdsAndNumbers() {

		var book = new OrderBook();
		book.accepted("k1", "o-1", List.of(new OrderLine("FICUS-0010", 3)), 300);
		book.accepted("k2", "o-2", List.of(new OrderLine("FICUS-0020", 2)), 200);
		book.accepted("k3", "o-3", List.of(new OrderLine("FICUS-0003", 1)), 100);
		book.observed("o-1", rejected("reserve-inventory failed: FICUS-0010 has 1 left, 3 asked"));
		book.observed("o-2", rejected("reserve-inventory failed: FICUS-0020 has 0 left, 2 asked"));
		book.observed("o-3", rejected("charge-payment failed: card_declined"));

		assertThat(book.tally().rejectedByReason()).containsExactly(
				Map.entry("charge-payment failed: card_declined", 1),
				Map.entry("reserve-inventory failed: <sku> has # left, # asked", 2));
	}

	private static OrderStatus rejected(String reason) {
		return new OrderStatus(OrderStatus.State.REJECTED, reason, null, "COMPENSATED");
	}

	@Test
	void computesLatencyPercentilesByNearestRank() {

		var latencies = new Latencies();
		for (int millis = 1; millis <= 20; millis++) {
			latencies.record(Duration.ofMillis(millis * 10));
		}

		assertThat(latencies.percentile(50)).isEqualTo(Duration.ofMillis(100));
		assertThat(latencies.percentile(95)).isEqualTo(Duration.ofMillis(190));
		assertThat(latencies.percentile(100)).isEqualTo(Duration.ofMillis(200));
		assertThat(new Latencies().percentile(95)).isEqualTo(Duration.ZERO);
	}

	@Test
	void readsTheOrderResourceWithItsSagaAndTheStepThatFailed() {

		var rejected = OrderStatus.from(json.readTree("""
				{"orderId":"o-1","status":"REJECTED","totalCents":4200,
				 "saga":{"state":"COMPENSATED","steps":[
				   {"name":"reserve-inventory","status":"COMPENSATED"},
				   {"name":"charge-payment","status":"FAILED","reason":"card_declined"}]}}"""));
		var pending = OrderStatus.from(json.readTree("""
				{"orderId":"o-2","status":"PENDING","saga":{"state":"RESERVING_INVENTORY"}}"""));

		assertThat(rejected).isEqualTo(new OrderStatus(OrderStatus.State.REJECTED, "charge-payment: card_declined",
				4200L, "COMPENSATED"));
		assertThat(rejected.isTerminal()).isTrue();
		assertThat(pending.isTerminal()).isFalse();
	}

	@Test
	void prefersThePlatformsOwnRejectionReason() {

		var rejected = OrderStatus.from(json.readTree("""
				{"status":"REJECTED","rejectionReason":"OUT_OF_STOCK","saga":{"state":"COMPENSATED"}}"""));

		assertThat(rejected.reason()).isEqualTo("OUT_OF_STOCK");
	}

	@Test
	void sumsTheProvidersChargesNetOfRefundsForThisRunsOrdersOnly() {

		var statement = json.readTree("""
				{"charges":[
				   {"id":"ch_1","reference":"o-1","amountCents":1000,"status":"succeeded"},
				   {"id":"ch_2","reference":"o-2","amountCents":2500,"status":"succeeded"},
				   {"id":"ch_3","reference":"earlier-run","amountCents":9999,"status":"succeeded"}],
				 "refunds":[
				   {"id":"re_1","chargeId":"ch_2","amountCents":2500},
				   {"id":"re_2","chargeId":"ch_3","amountCents":9999}]}""");

		assertThat(PaymentLedgers.providerNetForOrders(statement, Set.of("o-1", "o-2"))).isEqualTo(1000L);
		assertThat(PaymentLedgers.providerNetForOrders(json.readTree("{\"error\":\"x\"}"), Set.of("o-1"))).isNull();
	}

	@Test
	void plansTheSameCatalogEveryRunWithAFewScarceItems() {

		var first = CatalogItem.plan(300, new java.util.Random(7));
		var second = CatalogItem.plan(300, new java.util.Random(7));

		assertThat(first).isEqualTo(second);
		assertThat(first).extracting(CatalogItem::sku).doesNotHaveDuplicates().startsWith("FICUS-0001");
		assertThat(first.stream().filter(CatalogItem::isScarce).count()).isEqualTo(30);
	}
}
