package dev.ficus.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.ficus.gateway.support.Backend;
import dev.ficus.gateway.support.Gateways;
import dev.ficus.gateway.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The route table is reloaded at runtime atomically, audited, restorable and shared by replicas. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteTableTest {

    private static final Map<String, String> PROPERTIES = Gateways.properties("routes");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    WebTestClient gateway;

    String admin;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        Gateways.register(registry, PROPERTIES);
    }

    @BeforeEach
    void connect() {
        gateway = Gateways.client(port);
        admin = Tokens.issue(gateway, "ops-console", "routes:admin");
    }

    @Test
    void concurrentRouteChangesLoseNothing() {
        List<CompletableFuture<HttpResponse<String>>> changes = new ArrayList<>();
        for (int group = 1; group <= 5; group++) {
            changes.add(putEntry("group-" + group, route("group-" + group, "/api/group-" + group, "/group-" + group,
                    "groups", "[READ]", "{name: monolith, weight: 100}")));
        }
        changes.add(putEntry("inventory-read", route("inventory-read", "/api/inventory", "/inventory", "inventory",
                "[READ]", "{name: monolith, weight: 0}, {name: inventory-service, weight: 100}")));
        CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).join();

        assertThat(changes).allSatisfy(change -> assertThat(change.join().statusCode()).isEqualTo(200));
        String table = adminGet("/admin/routes");
        IntStream.rangeClosed(1, 5).forEach(group -> assertThat(table).contains("\"id\":\"group-" + group + "\""));
        assertThat(table).contains("{\"name\":\"inventory-service\",\"weight\":100}");

        String reader = Tokens.issue(gateway, "reader", "groups:read", "inventory:read");
        for (int group = 1; group <= 5; group++) {
            assertThat(get("/api/group-" + group + "/ping", reader).statusCode()).isEqualTo(200);
        }
        assertThat(get("/api/inventory/items", reader).body()).contains("inventory-service");
    }

    @Test
    void inventoryFlipsBetweenMonolithAndExtractedServiceWithoutA404() throws Exception {
        String reader = Tokens.issue(gateway, "flip-reader", "inventory:read");
        var statuses = new ConcurrentLinkedQueue<Integer>();
        var running = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                statuses.add(get("/api/inventory/items", reader).statusCode());
            }
        });

        try {
            for (String target : List.of("inventory-service", "monolith", "inventory-service", "monolith")) {
                String other = target.equals("monolith") ? "inventory-service" : "monolith";
                int before = statuses.size();
                assertThat(putEntry("inventory-read", route("inventory-read", "/api/inventory", "/inventory",
                        "inventory", "[READ]", "{name: " + target + ", weight: 100}, {name: " + other
                                + ", weight: 0}")).join().statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() > before + 5);
                assertThat(get("/api/inventory/items", reader).body()).contains("\"backend\":\"" + target + "\"");
            }
        }
        finally {
            running.set(false);
            traffic.join();
        }

        assertThat(statuses).hasSizeGreaterThan(20).containsOnly(200);
    }

    @Test
    void replacesTheWholeTableWithoutAGapWhenARouteIsRenamed() throws Exception {
        String reader = Tokens.issue(gateway, "rename-reader", "inventory:read");
        var statuses = new ConcurrentLinkedQueue<Integer>();
        var running = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                statuses.add(get("/api/inventory/items", reader).statusCode());
            }
        });

        try {
            for (String id : List.of("inventory-canary", "inventory-read", "inventory-canary", "inventory-read")) {
                String table = Gateways.ROUTES.replace("id: inventory-read", "id: " + id);
                int before = statuses.size();
                gateway.put().uri("/admin/routes")
                        .headers(headers -> headers.setBearerAuth(admin))
                        .contentType(MediaType.parseMediaType("application/yaml"))
                        .bodyValue(table)
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.routes[?(@.id == '" + id + "')]").exists();

                await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() > before + 5);
            }
        }
        finally {
            running.set(false);
            traffic.join();
        }

        assertThat(statuses).hasSizeGreaterThan(20).containsOnly(200);
    }

    @Test
    void oldWeightsNeverSurviveAChange() {
        String reader = Tokens.issue(gateway, "weights-reader", "inventory:read");
        putEntry("inventory-read", route("inventory-read", "/api/inventory", "/inventory", "inventory", "[READ]",
                "{name: monolith, weight: 50}, {name: inventory-service, weight: 50}")).join();
        assertThat(putEntry("inventory-read", route("inventory-read", "/api/inventory", "/inventory", "inventory",
                "[READ]", "{name: monolith, weight: 0}, {name: inventory-service, weight: 100}")).join().statusCode())
                .isEqualTo(200);

        int before = Gateways.MONOLITH.receivedUnder("/inventory/items").size();
        for (int request = 0; request < 30; request++) {
            assertThat(get("/api/inventory/items", reader).body()).contains("\"backend\":\"inventory-service\"");
        }
        assertThat(Gateways.MONOLITH.receivedUnder("/inventory/items")).hasSize(before);
    }

    @Test
    void restoresThePreviousTableInOneCallAndAuditsIt() {
        String reader = Tokens.issue(gateway, "restore-reader", "temporary:read");
        String before = routesOf(adminGet("/admin/routes"));
        putEntry("temporary", route("temporary", "/api/temporary", "/temporary", "temporary", "[READ]",
                "{name: monolith, weight: 100}")).join();
        assertThat(get("/api/temporary/x", reader).statusCode()).isEqualTo(200);

        String restored = gateway.post().uri("/admin/routes/restore")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(routesOf(restored)).isEqualTo(before);
        assertThat(get("/api/temporary/x", reader).statusCode()).isEqualTo(404);
        gateway.get().uri("/admin/routes/audit?limit=2")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].source").isEqualTo("restore")
                .jsonPath("$[0].actor").isEqualTo("ops-console")
                .jsonPath("$[0].summary").value(summary -> assertThat((String) summary).contains("removed [temporary]"))
                .jsonPath("$[1].summary").value(summary -> assertThat((String) summary).contains("added [temporary]"));
    }

    @Test
    void rejectsAnInvalidTableAsProblemListingEveryViolation() {
        String versionBefore = versionOf(adminGet("/admin/routes"));

        gateway.put().uri("/admin/routes")
                .headers(headers -> headers.setBearerAuth(admin))
                .contentType(MediaType.parseMediaType("application/yaml"))
                .bodyValue("""
                        routes:
                          - id: broken
                            path: api/no-slash
                            methods: [READ]
                            scope: broken
                            targets: [{name: nowhere, weight: 100}]
                          - id: broken
                            path: /api/zero
                            methods: [READ]
                            scope: zero
                            targets: [{name: monolith, weight: 0}]
                        """)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(4)
                .jsonPath("$.errors[?(@ =~ /.*nowhere.*/)]").exists()
                .jsonPath("$.errors[?(@ =~ /.*used twice.*/)]").exists();

        gateway.put().uri("/admin/routes")
                .headers(headers -> headers.setBearerAuth(admin))
                .bodyValue("routes: [{id: x, pathh: /api/x}]")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(versionOf(adminGet("/admin/routes"))).isEqualTo(versionBefore);
    }

    @Test
    void reloadsAChangedRouteFileWithoutARestart() throws Exception {
        String reader = Tokens.issue(gateway, "file-reader", "files:read");
        assertThat(get("/api/from-file/x", reader).statusCode()).isEqualTo(404);
        Path file = Path.of(PROPERTIES.get("ficus.routes.file"));
        Files.writeString(file, Gateways.ROUTES + "  # written at " + System.nanoTime() + "\n" + """
                  - id: from-file
                    path: /api/from-file
                    backend-path: /from-file
                    methods: [READ]
                    scope: files
                    targets: [{name: monolith, weight: 100}]
                """);

        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/from-file/x", reader).statusCode() == 200);
        Backend.Received received = Gateways.MONOLITH.receivedUnder("/from-file/x").getLast();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(adminGet("/admin/routes/audit?limit=1")).contains("\"source\":\"file\"");
    }

    @Test
    void removesARouteAndReappliesTheRouteFileOnRequest() {
        String reader = Tokens.issue(gateway, "reload-reader", "orders:read");
        gateway.delete().uri("/admin/routes/entries/orders")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.summary").isEqualTo("added [], changed [], removed [orders]");
        assertThat(get("/api/orders/o-1", reader).statusCode()).isEqualTo(404);

        gateway.post().uri("/admin/routes/reload")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.source").isEqualTo("file")
                .jsonPath("$.summary").value(summary -> assertThat((String) summary).contains("added [orders]"));
        assertThat(get("/api/orders/o-1", reader).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTheAdminApiWithoutTheAdminScope() {
        gateway.get().uri("/admin/routes")
                .headers(headers -> headers.setBearerAuth(Tokens.issue(gateway, "web-app", "orders:read")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("routes:admin"));
    }

    @Test
    void aReplicaFollowsATableAppliedOnAnotherReplica() {
        try (ConfigurableApplicationContext replica = Gateways.startReplica(PROPERTIES)) {
            WebTestClient second = Gateways.client(Gateways.port(replica));
            String reader = Tokens.issue(second, "replica-reader", "replicated:read");
            assertThat(get(second, "/api/replicated/x", reader)).isEqualTo(404);

            putEntry("replicated", route("replicated", "/api/replicated", "/replicated", "replicated", "[READ]",
                    "{name: monolith, weight: 100}")).join();

            await().atMost(Duration.ofSeconds(20)).until(() -> get(second, "/api/replicated/x", reader) == 200);
        }
    }

    @Test
    void refusesToStartWithAnInvalidRouteFile() throws Exception {
        Path badFile = Path.of("target", "test-routes", "bad.yaml").toAbsolutePath();
        Files.createDirectories(badFile.getParent());
        Files.writeString(badFile, "routes:\n  - id: orders\n    path: /api/orders\n    methods: [READ]\n");
        var properties = new LinkedHashMap<>(Gateways.properties("badfile"));
        properties.put("ficus.routes.file", badFile.toString());

        assertThatThrownBy(() -> Gateways.startReplica(properties).close())
                .hasStackTraceContaining("bad.yaml is invalid")
                .hasStackTraceContaining("scope must name the resource")
                .hasStackTraceContaining("targets must list at least one target");
    }

    private CompletableFuture<HttpResponse<String>> putEntry(String id, String yaml) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/admin/routes/entries/" + id))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String route(String id, String path, String backendPath, String scope, String methods,
            String targets) {

        return "id: " + id + "\npath: " + path + "\nbackend-path: " + backendPath + "\nmethods: " + methods
                + "\nscope: " + scope + "\ntargets: [" + targets + "]\n";
    }

    private HttpResponse<String> get(String path, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Authorization", "Bearer " + token)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception failure) {
            throw new IllegalStateException("GET " + path + " failed", failure);
        }
    }

    private static int get(WebTestClient client, String path, String token) {
        return client.get().uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private String adminGet(String path) {
        return gateway.get().uri(path)
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static String routesOf(String tableJson) {
        return tableJson.substring(tableJson.indexOf("\"routes\""));
    }

    private static String versionOf(String tableJson) {
        return tableJson.substring(0, tableJson.indexOf(','));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
