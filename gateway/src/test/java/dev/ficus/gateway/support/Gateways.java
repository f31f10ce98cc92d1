package dev.ficus.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.ficus.gateway.GatewayApplication;

/**
 * Starts and configures real gateways for tests: the two shared loopback backends, a route file per database, and
 * properties that keep polling fast so replicas converge quickly.
 */
public final class Gateways {

    public static final Backend MONOLITH = Backend.start("monolith");

    public static final Backend INVENTORY_SERVICE = Backend.start("inventory-service");

    /** The route file the tests start from: the shipped routes plus a legacy path for rewrite tests. */
    public static final String ROUTES = """
            routes:
              - id: orders
                path: /api/orders
                backend-path: /orders
                methods: [READ, WRITE]
                scope: orders
                targets: [{name: monolith, weight: 100}]
              - id: customers
                path: /api/customers
                backend-path: /customers
                methods: [READ, WRITE]
                scope: customers
                targets: [{name: monolith, weight: 100}]
              - id: inventory-read
                path: /api/inventory
                backend-path: /inventory
                methods: [READ]
                scope: inventory
                targets: [{name: monolith, weight: 100}, {name: inventory-service, weight: 0}]
              - id: inventory-write
                path: /api/inventory
                backend-path: /inventory
                methods: [WRITE]
                scope: inventory
                targets: [{name: monolith, weight: 100}]
              - id: legacy-items
                path: /legacy/items
                backend-path: /inventory/items
                methods: [READ]
                scope: inventory
                targets: [{name: monolith, weight: 100}]
            """;

    /** A loopback port nothing listens on: it was free a moment ago and is closed again. */
    public static final int CLOSED_PORT = closedPort();

    private static final Set<String> WRITTEN = new HashSet<>();

    private Gateways() {
    }

    /** Properties of a gateway whose state lives in the database {@code database}. */
    public static Map<String, String> properties(String database) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("spring.datasource.url", TestDatabase.url(database));
        properties.put("spring.datasource.username", "postgres");
        properties.put("ficus.routes.file", routeFile(database).toString());
        properties.put("ficus.routes.poll-interval", "200ms");
        properties.put("ficus.targets.monolith.url", MONOLITH.url());
        properties.put("ficus.targets.inventory-service.url", INVENTORY_SERVICE.url());
        properties.put("ficus.targets.unreachable.url", "http://127.0.0.1:" + CLOSED_PORT);
        properties.put("ficus.edge.max-request-size", "64KB");
        properties.put("ficus.edge.cors-allowed-origins", "https://app.ficus.test");
        properties.put("ficus.rate-limit.burst", "1000");
        properties.put("ficus.rate-limit.refill-tokens", "1000");

        // Netty's 2 s quiet period on close stays: the gateways of one test JVM share Reactor Netty's global
        // event loops, and with no quiet period a replica closing terminated them under the next test's client
        // pool ("event executor terminated", a request hung 30 s in CI's RateLimitTest).
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry, Map<String, String> properties) {
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Starts another gateway process-alike in this JVM, on a random port. */
    public static ConfigurableApplicationContext startReplica(Map<String, String> properties) {
        var arguments = new LinkedHashMap<>(properties);
        arguments.put("server.port", "0");
        List<String> args = arguments.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toList();
        return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The route file of a database's gateways; written with {@link #ROUTES} the first time in this JVM. */
    public static synchronized Path routeFile(String database) {
        try {
            Path file = Path.of("target", "test-routes", database + ".yaml").toAbsolutePath();
            if (WRITTEN.add(database)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, ROUTES);
            }
            return file;
        }
        catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
