/**
 * Order placement: the order aggregate and the saga that reserves stock, charges payment, schedules
 * shipment and confirms, compensating in reverse when a step fails.
 */
@NullMarked
@ApplicationModule(displayName = "Orders")
package dev.ficus.orders;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
