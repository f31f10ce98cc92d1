package dev.ficus.orders;

import java.util.Map;

import dev.ficus.orders.Order.SagaState;

/** How many orders are in each status and how many sagas in each state; every key is present. */
public record OrderStats(Map<OrderStatus, Long> orders, Map<SagaState, Long> sagas) {

	/** True once no saga is running or compensating any more. */
	public boolean allSagasTerminal() {
		return sagas.get(SagaState.RUNNING) == 0 && sagas.get(SagaState.COMPENSATING) == 0;
	}
}
