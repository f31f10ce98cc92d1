/**
 * RFC 9457 {@code application/problem+json} answers for every error the gateway itself produces (401, 403,
 * 404, 413, 429, 5xx and rejected route tables). Errors a backend produces pass through unchanged.
 */
@NullMarked
package dev.ficus.gateway.problem;

import org.jspecify.annotations.NullMarked;
