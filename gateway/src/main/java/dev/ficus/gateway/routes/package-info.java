/**
 * The declarative route table: which path prefixes go to which target (the monolith or an extracted
 * service), for read or write methods, with weights. A table is validated as a whole, stored as a new version
 * in PostgreSQL (so every flip is audited and replicas converge), and swapped in atomically. The admin API
 * reads, applies, reloads and restores tables.
 */
@NullMarked
package dev.ficus.gateway.routes;

import org.jspecify.annotations.NullMarked;
