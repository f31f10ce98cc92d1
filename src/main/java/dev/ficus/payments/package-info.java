/**
 * Charges and refunds through the external payment provider, behind a circuit breaker, retries and a
 * bulkhead of their own.
 */
@NullMarked
@ApplicationModule(displayName = "Payments")
package dev.ficus.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
