/**
 * The inventory tables and the handlers of {@code inventory-commands}.
 */
@NullMarked
package dev.ficus.inventory.internal;

import org.jspecify.annotations.NullMarked;
