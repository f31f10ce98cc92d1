/**
 * One circuit breaker, one retry with a retry budget, and one thread-pool bulkhead per remote dependency,
 * composed in a single documented order ({@link dev.ficus.platform.resilience.RemoteDependency}). Each
 * dependency is configured under its own name in {@code resilience4j.*} and {@code ficus.resilience.*}; see
 * {@code docs/resilience.md}.
 */
@NullMarked
package dev.ficus.platform.resilience;

import org.jspecify.annotations.NullMarked;
