package dev.ficus.stack.traffic;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a traffic run left behind for the checks.
 *
 * @param before stock levels by SKU before the catalog was stocked
 * @param added units the driver added per SKU it stocked successfully
 * @param after stock levels once every saga finished or the settle bound passed
 * @param providerNetCents charges net of refunds the provider made for this run's orders; {@code null}
 *     when its ledger could not be read
 * @param moduleNetDeltaCents how much the payments module's net total grew during the run; {@code null}
 *     when it does not serve its totals
 */
public record TrafficReport(OrderBook book, Map<String, StockLevel> before, Map<String, Integer> added,
		Map<String, StockLevel> after, Duration trafficTime, Duration settleTime, @Nullable Long providerNetCents,
		@Nullable Long moduleNetDeltaCents) {
}
