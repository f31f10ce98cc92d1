package dev.ficus.platform.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import dev.ficus.platform.database.ModuleSchema;

/**
 * Deletes expired idempotency keys of every module every {@code ficus.idempotency.purge-interval}.
 * Several instances may purge at once; each deletes what it finds, so nothing needs a lock.
 */
class IdempotencyPurge implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

	private final IdempotencyRecords records;

	private final IdempotencyProperties properties;

	IdempotencyPurge(IdempotencyRecords records, IdempotencyProperties properties) {
		this.records = records;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::purgeExpired, properties.purgeInterval(),
				properties.purgeInterval()));
	}

	/** Purges every module's expired keys; returns how many went. */
	int purgeExpired() {

		int purged = 0;
		for (ModuleSchema module : ModuleSchema.values()) {
			try {
				purged += records.purgeExpired(module);
			}
			catch (RuntimeException failure) {
				log.warn("Purging expired idempotency keys of {} failed; the next run tries again", module, failure);
			}
		}
		if (purged > 0) {
			log.info("Purged {} expired idempotency keys", purged);
		}
		return purged;
	}
}
