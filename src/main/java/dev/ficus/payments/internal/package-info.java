/**
 * How the payments module works inside: command handlers that record a pending charge or refund, a
 * worker that calls the provider on the {@code payment-provider} dependency's threads, the records that
 * store each outcome with its reply, and the recovery that finishes what was left open.
 */
@NullMarked
package dev.ficus.payments.internal;

import org.jspecify.annotations.NullMarked;
