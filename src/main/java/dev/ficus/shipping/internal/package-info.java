/**
 * The shipment table and the handlers of {@code shipping-commands}.
 */
@NullMarked
package dev.ficus.shipping.internal;

import org.jspecify.annotations.NullMarked;
