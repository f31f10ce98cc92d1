package dev.ficus.gateway.routes;

import java.time.Instant;

/** A route table as one stored version: what it was, who applied it, from where, and what changed. */
public record StoredTable(long version, RouteTable table, String source, String actor, String summary,
        Instant appliedAt) {
}
