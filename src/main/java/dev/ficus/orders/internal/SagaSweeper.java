package dev.ficus.orders.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Wakes up every {@code ficus.orders.saga.sweep-interval} and lets the coordinator act on the sagas whose
 * wait is over, one transaction per saga, so one saga that cannot be moved does not hold up the others.
 * Safe on several instances at once: each saga is claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
class SagaSweeper {

	private static final Logger log = LoggerFactory.getLogger(SagaSweeper.class);

	private final SagaCoordinator coordinator;

	private final SagaProperties properties;

	SagaSweeper(SagaCoordinator coordinator, SagaProperties properties) {
		this.coordinator = coordinator;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${ficus.orders.saga.sweep-interval:1s}")
	void sweep() {

		Instant now = Instant.now();
		for (int swept = 0; swept < properties.sweepBatch(); swept++) {
			try {
				if (!coordinator.sweepOne(now)) {
					return;
				}
			}
			catch (SagaCoordinator.SagaStuck stuck) {
				log.error("Order {}, saga {}: could not be moved on; trying it again in {}", stuck.orderId,
						stuck.sagaId, properties.stepTimeout(), stuck.getCause());
				coordinator.postpone(stuck.sagaId, now.plus(properties.stepTimeout()));
			}
		}
	}
}
