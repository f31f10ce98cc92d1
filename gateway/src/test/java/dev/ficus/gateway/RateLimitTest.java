package dev.ficus.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.ficus.gateway.support.Gateways;
import dev.ficus.gateway.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-client token buckets in the shared PostgreSQL: limits hold across replicas and are never silently off. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

    /** Five requests per client, refilled hourly: within a test nothing refills, so counts are exact. */
    private static final Map<String, String> HOURLY = withLimit(Gateways.properties("ratelimit"), 5, 5, "1h");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        Gateways.register(registry, HOURLY);
    }

    @Test
    void holdsTheLimitAcrossTwoReplicasSharingTheDatabase() {
        WebTestClient first = Gateways.client(port);
        try (ConfigurableApplicationContext replica = Gateways.startReplica(HOURLY)) {
            WebTestClient second = Gateways.client(Gateways.port(replica));
            String token = Tokens.issue(first, "shared-client", "orders:read");

            List<EntityExchangeResult<String>> answers = new ArrayList<>();
            for (int request = 0; request < 10; request++) {
                answers.add(call(request % 2 == 0 ? first : second, token));
            }

            assertThat(answers).filteredOn(answer -> answer.getStatus().value() == 200).hasSize(5);
            List<EntityExchangeResult<String>> refused = answers.stream()
                    .filter(answer -> answer.getStatus().value() == 429)
                    .toList();
            assertThat(refused).hasSize(5).allSatisfy(answer -> {
                assertThat(answer.getResponseHeaders().getContentType())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(Long.parseLong(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
                        .isPositive();
                assertThat(answer.getResponseBody()).contains("\"status\":429");
            });
            assertThat(refused).extracting(answer -> answer.getUrl().getPort()).containsOnly(port,
                    Gateways.port(replica));
        }
    }

    @Test
    void keepsEachClientInItsOwnBucket() {
        WebTestClient gateway = Gateways.client(port);
        String greedy = Tokens.issue(gateway, "greedy-client", "orders:read");
        String modest = Tokens.issue(gateway, "modest-client", "orders:read");
        for (int request = 0; request < 6; request++) {
            call(gateway, greedy);
        }

        assertThat(call(gateway, greedy).getStatus().value()).isEqualTo(429);
        assertThat(call(gateway, modest).getStatus().value()).isEqualTo(200);
    }

    @Test
    void limitsFiftyRequestsAtThreePerSecondWithBurstThree() {
        Map<String, String> perSecond = withLimit(Gateways.properties("ratelimit_c9"), 3, 3, "1s");
        try (ConfigurableApplicationContext gateway = Gateways.startReplica(perSecond)) {
            WebTestClient client = Gateways.client(Gateways.port(gateway));
            String token = Tokens.issue(client, "hasty-client", "orders:read");

            // All 50 at once, so they arrive well within a second on any machine that is not stalled.
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + Gateways.port(gateway) + "/api/orders/o-limited"))
                    .header("Authorization", "Bearer " + token)
                    .build();
            long started = System.nanoTime();
            List<Integer> statuses = IntStream.range(0, 50)
                    .mapToObj(attempt -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                    .toList()
                    .stream()
                    .map(answer -> answer.join().statusCode())
                    .toList();
            double seconds = (System.nanoTime() - started) / 1e9;

            // A bucket of 3 refilled at 3/s admits at most 3 + 3 per elapsed second, however slow this machine is.
            int budget = 3 + (int) Math.ceil(3 * seconds);
            long allowed = statuses.stream().filter(status -> status == 200).count();
            assertThat(statuses).containsOnly(200, 429);
            assertThat(allowed).isBetween(3L, (long) budget);
        }
    }

    @Test
    void refusesToStartWhenTheBurstIsBelowTheRefill() {
        Map<String, String> misconfigured = withLimit(Gateways.properties("ratelimit_bad"), 1, 3, "1s");

        assertThatThrownBy(() -> Gateways.startReplica(misconfigured).close())
                .hasStackTraceContaining("ficus.rate-limit.burst is 1 but must be at least "
                        + "ficus.rate-limit.refill-tokens (3 per PT1S)");
    }

    private static EntityExchangeResult<String> call(WebTestClient gateway, String token) {
        return gateway.get().uri("/api/orders/o-limited")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    private static Map<String, String> withLimit(Map<String, String> properties, int burst, int refill,
            String period) {

        var limited = new LinkedHashMap<>(properties);
        limited.put("ficus.rate-limit.burst", Integer.toString(burst));
        limited.put("ficus.rate-limit.refill-tokens", Integer.toString(refill));
        limited.put("ficus.rate-limit.refill-period", period);
        return limited;
    }
}
