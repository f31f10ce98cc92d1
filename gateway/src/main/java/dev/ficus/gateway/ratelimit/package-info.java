/**
 * Per-client token buckets kept in PostgreSQL through Bucket4j, so the limit holds across gateway replicas.
 * The configuration is validated at start-up: a limit can be tight, but never silently off.
 */
@NullMarked
package dev.ficus.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
