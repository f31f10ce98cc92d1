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
import dev.ficus.stack.traffic.TrafficReport;
import tools.jackson.databind.json.JsonMapper;

class RunSummaryTest {

	@Test
	void passesARunInWhichEveryUnitAndCentIsAccountedFor() {

		RunSummary summary = RunSummary.of("monolith http://127.0.0.1:8080", run(new StockLevel(7, 0, 3), 2_500L), 2,
				Duration.ofSeconds(60));

		assertThat(summary.passed()).isTrue();
		assertThat(summary.orders()).isEqualTo(new RunSummary.Orders(2, 1, 1, 0, Map.of("out of stock", 1), 1, 1));
		assertThat(summary.checks()).extracting(CheckResult::outcome).doesNotContain(Outcome.FAIL);
		assertThat(summary.render()).contains("  rejected           1:", "1 out of stock", "All checks passed.");
	}

	@Test
	void failsARunThatLostAUnitOfStockAndSaysWhichCheckFailed() {

		RunSummary summary = RunSummary.of("monolith http://127.0.0.1:8080", run(new StockLevel(6, 0, 3), 2_500L), 2,
				Duration.ofSeconds(60));

		assertThat(summary.passed()).isFalse();
		assertThat(summary.render())
				.contains("FAIL stock conserved per SKU (on hand + reserved + shipped = initial stock)")
				.contains("1 of 1 SKUs off, e.g. FIG: expected 10, found 9")
				.endsWith("Some checks FAILED.");
	}

	@Test
	void writesTheSummaryAsJsonWithEveryCheckAndItsNumbers() {

		RunSummary summary = RunSummary.of("gateway http://127.0.0.1:8080", run(new StockLevel(7, 0, 3), 9_999L), 2,
				Duration.ofSeconds(60));

		var json = JsonMapper.builder().build().valueToTree(summary);

		assertThat(json.path("orders").path("placed").asInt()).isEqualTo(2);
		assertThat(json.path("checks")).hasSize(9);
		assertThat(json.path("checks").get(4).path("name").asString()).endsWith("(provider ledger)");
		assertThat(json.path("checks").get(4).path("outcome").asString()).isEqualTo("FAIL");
		assertThat(json.path("checks").get(4).path("numbers").path("netChargedCents").asLong()).isEqualTo(9_999);
	}

	/** One completed order of 3 FIGs (2,500 cents) and one rejected order of 1 FIG, on 10 FIGs stocked. */
	private static TrafficReport run(StockLevel figsAfter, long providerNetCents) {

		var book = new OrderBook();
		book.accepted("k1", "o-1", List.of(new OrderLine("FIG", 3)), 2_500);
		book.accepted("k2", "o-2", List.of(new OrderLine("FIG", 1)), 900);
		book.observed("o-1", new OrderStatus(OrderStatus.State.COMPLETED, "", 2_500L, "COMPLETED"));
		book.observed("o-2", new OrderStatus(OrderStatus.State.REJECTED, "out of stock", 900L, "COMPENSATED"));
		book.retried("k1", "o-1", 202, "o-1");
		book.probed("order without lines", 400, true);

		return new TrafficReport(book, Map.of(), Map.of("FIG", 10), Map.of("FIG", figsAfter), Duration.ofSeconds(1),
				Duration.ofSeconds(1), providerNetCents, providerNetCents);
	}
}
