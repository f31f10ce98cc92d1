package dev.ficus.payments.internal;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes what a crash, a full bulkhead or an unreachable provider left open: charges and refunds still
 * pending after {@code ficus.payments.recovery.idle-after} are submitted again (the provider's idempotency
 * keys make that safe), and failed charges whose outcome was unknown are looked up and voided if the
 * provider did charge. Several instances may run it: each row is claimed with {@code SKIP LOCKED}.
 *
 * <p>Recovery follows the provider's circuit breaker. While it is open a round claims nothing, since
 * every call would be refused; while it is half-open a round claims one row, whose call is the trial
 * that closes (or reopens) the breaker; and a round runs as soon as the breaker turns half-open or
 * closes, not only on the schedule. With no other traffic the breaker cycles by itself (10 s open, at
 * most 5 s half-open), and rounds on a fixed schedule fell into the open phase every time: the fault
 * suite's {@code provider-timeout} row found charges of rejected orders that were never voided
 * (docs/fault-suite.md). A lookup or void refused all the same (a live call took the trial permit)
 * gives its claim back, see {@link PaymentRecords#lookupRefused}.
 */
@Component
public class PaymentRecovery {

	private static final Logger log = LoggerFactory.getLogger(PaymentRecovery.class);

	private final PaymentRecords records;

	private final PaymentWorker worker;

	private final Duration idleAfter;

	PaymentRecovery(PaymentRecords records, PaymentWorker worker,
			@Value("${ficus.payments.recovery.idle-after:30s}") Duration idleAfter) {
		this.records = records;
		this.worker = worker;
		this.idleAfter = idleAfter;
	}

	/**
	 * Claims the open rows and submits them; the work itself runs on the provider's threads. Rounds run
	 * one at a time (the schedule's and those started by the breaker), so two never share the same room.
	 */
	public synchronized void recover() {

		// Take no more than the breaker lets through (nothing while open, one trial call while half-open)
		// and the bulkhead can run or queue now, so recovery never pushes live payments out of the pool;
		// what is left waits for the next round.
		int room = worker.room();
		if (room == 0) {
			log.debug("Payment recovery waits: the provider's breaker is open or its bulkhead is full");
			return;
		}
		PaymentRecords.Claimed claimed = records.claimOpen(idleAfter, room);
		if (claimed.isEmpty()) {
			return;
		}

		log.info("Recovering {} pending charges, {} pending refunds and {} unverified failed charges "
				+ "(provider breaker {})", claimed.charges().size(), claimed.refunds().size(),
				claimed.unverified().size(), worker.providerBreakerState());
		// Most urgent first: a charge that may have taken money for a failed payment, then refunds.
		claimed.unverified().forEach(worker::verify);
		claimed.refunds().forEach(worker::refund);
		claimed.charges().forEach(worker::charge);
	}

	/**
	 * Runs the recovery on a schedule, and as soon as the provider's breaker lets calls through again,
	 * unless {@code ficus.payments.recovery.enabled} is false.
	 */
	@Component
	@ConditionalOnProperty(name = "ficus.payments.recovery.enabled", matchIfMissing = true)
	static class Schedule {

		private final PaymentRecovery recovery;

		Schedule(PaymentRecovery recovery, PaymentWorker worker, TaskScheduler scheduler) {
			this.recovery = recovery;

			// The transition comes on a breaker timer or a provider thread: the round is handed off.
			worker.whenProviderAdmitsCallsAgain(() -> {
				try {
					scheduler.schedule(recovery::recover, Instant.now());
				}
				catch (TaskRejectedException e) {
					log.debug("Payment recovery not started on the breaker's transition (shutting down?): {}",
							e.getMessage());
				}
			});
		}

		@Scheduled(fixedDelayString = "${ficus.payments.recovery.interval:10s}",
				initialDelayString = "${ficus.payments.recovery.interval:10s}")
		void recover() {
			recovery.recover();
		}
	}
}
