/**
 * The PostgreSQL the gateway replicas share (route table history and audit, rate-limit buckets, the
 * development issuer's key). With no {@code spring.datasource.url} the gateway starts an embedded PostgreSQL
 * of its own; the schema is {@code gateway}, migrated by Flyway from {@code db/gateway}.
 */
@NullMarked
package dev.ficus.gateway.store;

import org.jspecify.annotations.NullMarked;
