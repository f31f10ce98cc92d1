package dev.ficus.orders;

import java.util.Map;

import dev.ficus.orders.Order.SagaState;

/** How many orders are in each status and how many sagas in each state; every key is present. */
public record OrderStats(Map<OrderStatus, Long> orders, Map<SagaState, Long> sagas) {
}
