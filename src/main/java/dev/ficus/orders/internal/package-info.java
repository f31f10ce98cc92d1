/**
 * The order placement saga: its declarative definition, its state in the {@code orders} schema, the
 * coordinator that advances it on replies and the sweeper that acts when replies do not come.
 */
@NullMarked
package dev.ficus.orders.internal;

import org.jspecify.annotations.NullMarked;
