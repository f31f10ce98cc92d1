/**
 * {@code bench}: starts the local stack once and measures, in one run and side by side, order placement
 * and order reads through the gateway and directly against the monolith, and each process's memory at
 * idle and after the load. See {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.ficus.stack.bench;

import org.jspecify.annotations.NullMarked;
