/**
 * The Ficus edge gateway. Each sub-package is one edge concern: {@code routes} (the declarative route table,
 * its reloads and audit), {@code security} (JWT validation and the local development issuer),
 * {@code ratelimit} (per-client token buckets shared by all replicas), {@code edge} (CORS, size limit, request
 * ids, header hygiene), {@code bff} (web, mobile and partner shaping), {@code problem} (RFC 9457 errors) and
 * {@code store} (the PostgreSQL the replicas share).
 */
@NullMarked
package dev.ficus.gateway;

import org.jspecify.annotations.NullMarked;
