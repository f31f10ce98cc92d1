/**
 * Backends for frontends: {@code /web}, {@code /mobile} and {@code /partner}. They call the routed backends
 * through the current route table and only compose and shape their answers; they hold no domain rules.
 */
@NullMarked
package dev.ficus.gateway.bff;

import org.jspecify.annotations.NullMarked;
