/**
 * Idempotency keys for every mutating HTTP endpoint, without code in controllers: the first request's
 * outcome under a key is stored in the owning module's {@code idempotency_key} table and replayed for
 * repeats. See {@code docs/idempotency.md} for the rules and the crash windows.
 */
@NullMarked
package dev.ficus.platform.idempotency;

import org.jspecify.annotations.NullMarked;
