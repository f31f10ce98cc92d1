/**
 * Schedules and cancels shipments for reserved and paid orders.
 */
@NullMarked
@ApplicationModule(displayName = "Shipping")
package dev.ficus.shipping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
