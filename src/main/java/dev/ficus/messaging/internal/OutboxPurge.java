package dev.ficus.messaging.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes outbox rows that were sent longer ago than the retention period. */
@Component
class OutboxPurge {

	private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);

	private final OutboxRows rows;

	private final MessagingProperties settings;

	OutboxPurge(OutboxRows rows, MessagingProperties settings) {
		this.rows = rows;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${ficus.messaging.relay.purge-interval:1h}", initialDelayString = "1m")
	void purgeSentRows() {

		int purged = rows.purgeSentBefore(settings.relay().retention());
		if (purged > 0) {
			log.info("Purged {} outbox rows sent more than {} ago", purged, settings.relay().retention());
		}
	}
}
