package dev.ficus.gateway.routes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The route table history in PostgreSQL, shared by all replicas. Every change runs in one transaction that first
 * locks the single head row: two changes, from this replica or another, never read the same current table, so
 * neither overwrites the other. Each change becomes a new version with its actor, source and summary, which is
 * also the audit.
 */
@Component
class RouteTableStore {

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    RouteTableStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Applies a change to the current table as a new version.
     *
     * @param fileHash when the change comes from the route file, the hash of its content; if the head already
     *     records this hash, the file was applied before (by this or another replica) and nothing happens
     * @param change computes the new table from the current one (null when there is none yet); it may throw to
     *     reject the change, which leaves the history untouched
     * @return the stored version, or empty when the file was already applied
     */
    Optional<StoredTable> change(String source, String actor, @Nullable String fileHash,
            UnaryOperator<@Nullable RouteTable> change) {

        return Optional.ofNullable(transactions.execute(status -> {
            Head head = jdbc.sql("SELECT version, file_hash FROM gateway.route_table_head WHERE id = 1 FOR UPDATE")
                    .query((rs, row) -> new Head(rs.getLong("version"), rs.getString("file_hash")))
                    .single();
            if (fileHash != null && fileHash.equals(head.fileHash())) {
                return null;
            }

            @Nullable RouteTable current = version(head.version()).map(StoredTable::table).orElse(null);
            RouteTable next = change.apply(current);
            long version = head.version() + 1;
            String summary = RouteTableDiff.summary(current, next);

            jdbc.sql("""
                    INSERT INTO gateway.route_table_version (version, routes, source, actor, summary, applied_at)
                    VALUES (:version, :routes, :source, :actor, :summary, :appliedAt)
                    """)
                    .param("version", version)
                    .param("routes", RouteTableFormat.writeJson(next))
                    .param("source", source)
                    .param("actor", actor)
                    .param("summary", summary)
                    .param("appliedAt", Timestamp.from(Instant.now()))
                    .update();
            jdbc.sql("UPDATE gateway.route_table_head SET version = :version, "
                            + "file_hash = COALESCE(:fileHash, file_hash) WHERE id = 1")
                    .param("version", version)
                    .param("fileHash", fileHash)
                    .update();

            return version(version).orElseThrow();
        }));
    }

    long headVersion() {
        return jdbc.sql("SELECT version FROM gateway.route_table_head WHERE id = 1")
                .query(Long.class)
                .single();
    }

    Optional<StoredTable> current() {
        return version(headVersion());
    }

    Optional<StoredTable> version(long version) {
        return jdbc.sql("SELECT * FROM gateway.route_table_version WHERE version = :version")
                .param("version", version)
                .query(RouteTableStore::stored)
                .optional();
    }

    /** The newest versions first. */
    List<StoredTable> history(int limit) {
        return jdbc.sql("SELECT * FROM gateway.route_table_version ORDER BY version DESC LIMIT :limit")
                .param("limit", limit)
                .query(RouteTableStore::stored)
                .list();
    }

    private static StoredTable stored(ResultSet rs, int row) throws SQLException {
        return new StoredTable(
                rs.getLong("version"),
                RouteTableFormat.readStoredJson(rs.getString("routes")),
                rs.getString("source"),
                rs.getString("actor"),
                rs.getString("summary"),
                rs.getTimestamp("applied_at").toInstant());
    }

    private record Head(long version, @Nullable String fileHash) {
    }
}
