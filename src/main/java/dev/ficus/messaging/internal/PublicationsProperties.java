package dev.ficus.messaging.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an in-process event publication may stay in each state before {@link PublicationStaleness}
 * marks it failed, so an operator sees it and can resubmit it; and how long completed ones are kept.
 *
 * <p>Deliberately not Spring Modulith's own {@code spring.modulith.events.staleness.*}: see
 * {@link PublicationStaleness} for why.
 *
 * @param published a publication whose listener never started (the process died before it ran)
 * @param processing a listener that started and never finished, counted from its last (re)submission
 * @param resubmitted a resubmission that never started, counted from the resubmission
 * @param checkInterval how often to look
 * @param retention how long completed publications are kept before they are purged
 */
@ConfigurationProperties("ficus.messaging.publications")
record PublicationsProperties(@DefaultValue("10m") Duration published, @DefaultValue("10m") Duration processing,
		@DefaultValue("10m") Duration resubmitted, @DefaultValue("1m") Duration checkInterval,
		@DefaultValue("7d") Duration retention) {
}
