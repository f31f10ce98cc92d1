package dev.ficus.stack.traffic;

/** One line of an order the driver places. */
public record OrderLine(String sku, int quantity) {
}
