package dev.ficus.gateway.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.gateway.problem.InvalidRequest;

/**
 * The route table's life cycle: load the route file at start-up, apply changes (from the file, the admin API or a
 * restore) as new stored versions, follow versions applied by other replicas, and swap the active table.
 *
 * <p>Swapping is atomic twice over. The active table is one immutable snapshot behind an atomic reference that only
 * ever moves to a newer version, and the gateway's route cache keeps serving the previous routes until the new ones
 * are fully built, so no request sees half a table and no path answers 404 during a flip. Refreshes are published
 * one at a time, each reading the newest snapshot, so a slow refresh can never put an older table back.
 */
@Component
public class RouteTables implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTables.class);

    private final RouteTableStore store;

    private final RouteTableValidator validator;

    private final Targets targets;

    private final RouteTableProperties properties;

    private final ApplicationEventPublisher events;

    private final AtomicReference<@Nullable ActiveRouteTable> active = new AtomicReference<>();

    private volatile @Nullable String lastSeenFileHash;

    RouteTables(RouteTableStore store, RouteTableValidator validator, Targets targets,
            RouteTableProperties properties, ApplicationEventPublisher events) {

        this.store = store;
        this.validator = validator;
        this.targets = targets;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Applies the route file if it changed since it was last applied, then serves the newest stored table. A file
     * that cannot be read or is invalid stops start-up: a gateway must not come up with a table nobody wrote.
     */
    @Override
    public void afterPropertiesSet() {
        Optional<String> content = readFile();
        if (content.isPresent()) {
            applyFile(content.get(), false);
        }

        StoredTable current = store.current()
                .orElseThrow(() -> new IllegalStateException("No route table: the route file "
                        + properties.file().toAbsolutePath() + " does not exist and none is stored yet. "
                        + "Set ficus.routes.file (FICUS_ROUTES_FILE) to the route file."));

        // No refresh event yet: the gateway's route cache is built later and reads this table when it is.
        active.set(ActiveRouteTable.of(current, targets));
        LOG.info("Serving route table version {} with {} routes", current.version(), current.table().routes().size());
    }

    public ActiveRouteTable active() {
        ActiveRouteTable table = active.get();
        if (table == null) {
            throw new IllegalStateException("The route table has not been loaded yet");
        }
        return table;
    }

    public StoredTable apply(RouteTable table, String actor) {
        return change("admin", actor, current -> table);
    }

    public StoredTable upsert(RouteEntry route, String actor) {
        return change("admin", actor,
                current -> current == null ? new RouteTable(List.of(route)) : current.with(route));
    }

    public StoredTable remove(String id, String actor) {
        return change("admin", actor, current -> {
            if (current == null || current.route(id).isEmpty()) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no route with id '" + id + "'.");
            }
            return current.without(id);
        });
    }

    /**
     * Makes an earlier table current again, as a new version (so the restore itself is audited).
     *
     * @param version the version to restore, or null for the one before the current version
     */
    public StoredTable restore(@Nullable Long version, String actor) {
        return change("restore", actor, current -> {
            long target = version != null ? version : store.headVersion() - 1;
            return store.version(target)
                    .map(StoredTable::table)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                            "There is no route table version " + target + " to restore."));
        });
    }

    /** Applies the route file now, even if its content was applied before. */
    public StoredTable reloadFile(String actor) {
        String content = readFile().orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                "The route file " + properties.file().toAbsolutePath() + " does not exist."));
        RouteTable table = RouteTableFormat.readTable(content, properties.file().toString());

        String origin = properties.file().toString();
        StoredTable stored = store.change("file", actor, null, current -> checked(table, origin)).orElseThrow();
        lastSeenFileHash = hash(content);
        activate(stored);
        return stored;
    }

    public List<StoredTable> history(int limit) {
        return store.history(limit);
    }

    /** Picks up a changed route file and tables that other replicas applied. */
    @Scheduled(fixedDelayString = "${ficus.routes.poll-interval:2s}",
            initialDelayString = "${ficus.routes.poll-interval:2s}")
    void poll() {
        try {
            readFile().ifPresent(content -> {
                if (!hash(content).equals(lastSeenFileHash)) {
                    applyFile(content, true);
                }
            });
            followStore();
        }
        catch (RuntimeException failure) {
            LOG.error("Route table poll failed; still serving version {}", active().version(), failure);
        }
    }

    void followStore() {
        if (store.headVersion() > active().version()) {
            store.current().ifPresent(this::activate);
        }
    }

    private StoredTable change(String source, String actor, UnaryOperator<@Nullable RouteTable> change) {
        StoredTable stored = store.change(source, actor, null,
                        current -> checked(change.apply(current), "the request"))
                .orElseThrow();
        activate(stored);
        LOG.info("Route table version {} applied by {} from {}: {}", stored.version(), actor, source,
                stored.summary());
        return stored;
    }

    private void applyFile(String content, boolean running) {
        String hash = hash(content);
        try {
            RouteTable table = RouteTableFormat.readTable(content, properties.file().toString());
            store.change("file", "route-file", hash, current -> checked(table, properties.file().toString()))
                    .ifPresent(stored -> {
                        if (running) {
                            activate(stored);
                        }
                        LOG.info("Route table version {} applied from {}: {}", stored.version(), properties.file(),
                                stored.summary());
                    });
            lastSeenFileHash = hash;
        }
        catch (RuntimeException failure) {
            if (!running) {
                throw new IllegalStateException("The route file " + properties.file().toAbsolutePath()
                        + " is invalid: " + describe(failure), failure);
            }

            // Remember the bad content, so the same mistake is logged once and not every poll.
            lastSeenFileHash = hash;
            LOG.error("The changed route file {} is invalid and was not applied: {}", properties.file(),
                    describe(failure));
        }
    }

    private RouteTable checked(@Nullable RouteTable table, String origin) {
        if (table == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A route table is required.");
        }
        validator.check(table, origin);
        return table;
    }

    /** Makes a stored table active if it is newer than the active one, then refreshes the gateway's routes. */
    private void activate(StoredTable stored) {
        ActiveRouteTable candidate = ActiveRouteTable.of(stored, targets);
        ActiveRouteTable now = active.accumulateAndGet(candidate,
                (current, next) -> current == null || next.version() > current.version() ? next : current);
        if (now == candidate) {
            refreshRoutes();
        }
    }

    private synchronized void refreshRoutes() {
        events.publishEvent(new RefreshRoutesEvent(this));
    }

    private Optional<String> readFile() {
        try {
            return Optional.of(Files.readString(properties.file(), StandardCharsets.UTF_8));
        }
        catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        catch (IOException failure) {
            throw new IllegalStateException("Cannot read the route file " + properties.file().toAbsolutePath(),
                    failure);
        }
    }

    private static String describe(RuntimeException failure) {
        if (failure instanceof InvalidRequest invalid) {
            return invalid.getMessage() + ": " + String.join("; ", invalid.errors());
        }
        return String.valueOf(failure.getMessage());
    }

    private static String hash(String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", impossible);
        }
    }
}
