/**
 * Tells customers what happened to their orders.
 */
@NullMarked
@ApplicationModule(displayName = "Notifications")
package dev.ficus.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
