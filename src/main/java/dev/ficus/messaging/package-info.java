/**
 * The transactional outbox, its relay to SQS, the consumers that feed messages back into modules, and
 * their inbox that drops duplicates.
 */
@NullMarked
@ApplicationModule(displayName = "Messaging")
package dev.ficus.messaging;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
