/**
 * Who places orders: customer records, looked up by id by the other modules.
 */
@NullMarked
@ApplicationModule(displayName = "Customers")
package dev.ficus.customers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
