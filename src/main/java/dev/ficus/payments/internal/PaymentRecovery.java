package dev.ficus.payments.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes what a crash, a full bulkhead or an unreachable provider left open: charges and refunds still
 * pending after {@code ficus.payments.recovery.idle-after} are submitted again (the provider's idempotency
 * keys make that safe), and failed charges whose outcome was unknown are looked up and voided if the
 * provider did charge. Several instances may run it: each row is claimed with {@code SKIP LOCKED}.
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

	/** Claims the open rows and submits them; the work itself runs on the provider's threads. */
	public void recover() {

		// Take no more than the provider's bulkhead can run or queue now, so recovery never pushes live
		// payments out of the pool; what is left waits for the next round.
		int room = worker.room();
		if (room == 0) {
			return;
		}
		PaymentRecords.Claimed claimed = records.claimOpen(idleAfter, room);
		if (claimed.isEmpty()) {
			return;
		}

		log.info("Recovering {} pending charges, {} pending refunds and {} unverified failed charges",
				claimed.charges().size(), claimed.refunds().size(), claimed.unverified().size());
		claimed.charges().forEach(worker::charge);
		claimed.refunds().forEach(worker::refund);
		claimed.unverified().forEach(worker::verify);
	}

	/** Runs the recovery on a schedule unless {@code ficus.payments.recovery.enabled} is false. */
	@Component
	@ConditionalOnProperty(name = "ficus.payments.recovery.enabled", matchIfMissing = true)
	static class Schedule {

		private final PaymentRecovery recovery;

		Schedule(PaymentRecovery recovery) {
			this.recovery = recovery;
		}

		@Scheduled(fixedDelayString = "${ficus.payments.recovery.interval:10s}",
				initialDelayString = "${ficus.payments.recovery.interval:10s}")
		void recover() {
			recovery.recover();
		}
	}
}
