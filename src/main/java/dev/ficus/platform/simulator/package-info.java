/**
 * A payment provider simulator: a small HTTP server on loopback with idempotent charges, refunds, a ledger
 * and faults (failures, declines, latency, timeouts) that can be changed while it runs. The monolith starts
 * one inside itself unless {@code ficus.payment-provider.url} points at a real provider.
 */
@NullMarked
package dev.ficus.platform.simulator;

import org.jspecify.annotations.NullMarked;
