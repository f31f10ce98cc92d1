package dev.ficus.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ficus.gateway.support.Backend;
import dev.ficus.gateway.support.Gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, started as the stack launcher starts it ({@code java -jar}, configured by environment
 * variables only, no datasource so it runs its own embedded PostgreSQL), serves routed traffic, and keeps its route
 * history, audit and signing key across a restart.
 */
class PackagedGatewayIT {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Backend monolith = Backend.start("monolith");

    private Process gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        monolith.stop();
    }

    @Test
    void servesRoutedTrafficAndKeepsItsRouteHistoryAcrossARestart() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "it", "run-" + System.nanoTime())).toAbsolutePath();
        Path routes = Files.writeString(work.resolve("routes.yaml"), Gateways.ROUTES);
        int port = freePort();
        Map<String, String> environment = Map.of(
                "SERVER_PORT", Integer.toString(port),
                "FICUS_ROUTES_FILE", routes.toString(),
                "FICUS_TARGETS_MONOLITH_URL", monolith.url(),
                "FICUS_TARGETS_INVENTORY_SERVICE_URL", monolith.url(),
                "FICUS_EMBEDDED_POSTGRES_DATA_DIR", work.resolve("postgres").toString());

        gateway = start(environment, work.resolve("first.log"));
        awaitHealthy(port);
        String token = token(port, "smoke-client", "orders:read routes:admin smoke:read");

        assertThat(send(port, "GET", "/api/orders/o-smoke", token, null).statusCode()).isEqualTo(200);
        assertThat(monolith.receivedUnder("/orders/o-smoke")).hasSize(1);
        HttpResponse<String> applied = send(port, "PUT", "/admin/routes/entries/smoke", token, """
                {"path": "/api/smoke", "backend-path": "/smoke", "methods": ["READ"], "scope": "smoke",
                 "targets": [{"name": "monolith", "weight": 100}]}
                """);
        assertThat(applied.statusCode()).isEqualTo(200);
        stopGracefully();

        gateway = start(environment, work.resolve("second.log"));
        awaitHealthy(port);

        assertThat(send(port, "GET", "/api/smoke/after-restart", token, null).statusCode()).isEqualTo(200);
        assertThat(send(port, "GET", "/admin/routes/audit", token, null).body())
                .contains("\"actor\":\"smoke-client\"", "added [smoke]");
        assertThat(send(port, "GET", "/api/smoke/x", null, null).statusCode()).isEqualTo(401);
        stopGracefully();
    }

    private static Process start(Map<String, String> environment, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                System.getProperty("gateway.jar")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void stopGracefully() throws InterruptedException {
        gateway.destroy();
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("gateway stops on SIGTERM").isTrue();
    }

    private void awaitHealthy(int port) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(gateway.isAlive()).as("gateway process is running").isTrue();
                    return send(port, "GET", "/actuator/health", null, null).body().contains("\"UP\"");
                });
    }

    private String token(int port, String clientId, String scopes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + clientId + "&scope="
                        + scopes.replace(" ", "+")))
                .build();
        Matcher matcher = ACCESS_TOKEN.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(matcher.find()).as("token endpoint returns an access token").isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> send(int port, String method, String path, String token, String json)
            throws Exception {

        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
