/**
 * The catalog of stock-keeping units and their stock: reservations for orders, releases when orders
 * fail, and shipments that take reserved stock out.
 */
@NullMarked
@ApplicationModule(displayName = "Inventory")
package dev.ficus.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
