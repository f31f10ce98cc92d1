package dev.ficus.messaging.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks event publications failed that stayed too long in one state (see {@link PublicationsProperties}).
 *
 * <p>Spring Modulith 2.0.3 has a monitor of its own, but it measures every state from the publication
 * date, so a publication failed an hour ago and resubmitted now is marked failed again while its listener
 * still runs; and it reads the candidates first and updates them later, so it can mark failed a
 * publication that completed in between. This monitor measures a (re)submitted publication from its last
 * resubmission, and decides and updates in one statement that never touches a completed row. Leave
 * {@code spring.modulith.events.staleness.*} unset, which keeps Modulith's monitor off.
 */
@Component
class PublicationStaleness {

	private static final Logger log = LoggerFactory.getLogger(PublicationStaleness.class);

	private final JdbcClient jdbc;

	private final PublicationsProperties settings;

	PublicationStaleness(JdbcClient jdbc, PublicationsProperties settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${ficus.messaging.publications.check-interval:1m}")
	@Transactional
	public int markStalePublicationsFailed() {

		int failed = jdbc.sql("""
				UPDATE messaging.event_publication
				   SET status = 'FAILED'
				 WHERE completion_date IS NULL
				   AND (   (status = 'PUBLISHED'
				            AND publication_date < now() - :published * interval '1 millisecond')
				        OR (status = 'PROCESSING'
				            AND coalesce(last_resubmission_date, publication_date)
				                < now() - :processing * interval '1 millisecond')
				        OR (status = 'RESUBMITTED'
				            AND last_resubmission_date < now() - :resubmitted * interval '1 millisecond'))""")
				.param("published", settings.published().toMillis())
				.param("processing", settings.processing().toMillis())
				.param("resubmitted", settings.resubmitted().toMillis())
				.update();

		if (failed > 0) {
			log.warn("Marked {} stale event publications failed; resubmit them at /admin/messaging/publications",
					failed);
		}
		return failed;
	}
}
