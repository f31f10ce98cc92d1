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

/**
 * Per-client token buckets in the shared PostgreSQL: limits hold across replicas, clients may have their own, a
 * changed limit reaches buckets already stored, and a limit is never silently off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

    /**
     * Five requests per client, two for {@code frugal-client} and eight for {@code generous-client}, refilled hourly:
     * within a test nothing refills, so counts are exact.
     */
    private static final Map<String, String> HOURLY = withOverride(withOverride(
            withLimit(Gateways.properties("ratelimit"), 5, 5, "1h"), 0, "frugal-client", 2, 2, "1h"),
            1, "generous-client", 8, 8, "1h");

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
    void givesAClientWithAnOverrideItsOwnLimitAndEveryOtherClientTheDefault() {
        WebTestClient gateway = Gateways.client(port);

        assertThat(statusesOfTenCalls(gateway, "frugal-client")).isEqualTo(answers(2));
        assertThat(statusesOfTenCalls(gateway, "generous-client")).isEqualTo(answers(8));
        assertThat(statusesOfTenCalls(gateway, "ordinary-client")).isEqualTo(answers(5));
    }

    @Test
    void appliesAChangedLimitToAClientThatAlreadyHasABucket() {
        Map<String, String> properties = withLimit(Gateways.properties("ratelimit_change"), 5, 5, "1h");

        // Five, then two, then five again: whichever way the limit changes, the stored bucket follows it.
        try (ConfigurableApplicationContext first = Gateways.startReplica(
                withOverride(properties, 0, "changing-client", 5, 5, "1h"))) {
            WebTestClient gateway = Gateways.client(Gateways.port(first));
            assertThat(call(gateway, Tokens.issue(gateway, "changing-client", "orders:read")).getStatus().value())
                    .isEqualTo(200);
        }

        try (ConfigurableApplicationContext lowered = Gateways.startReplica(
                withOverride(properties, 0, "changing-client", 2, 2, "1h"))) {
            WebTestClient gateway = Gateways.client(Gateways.port(lowered));
            String token = Tokens.issue(gateway, "changing-client", "orders:read");

            // The four tokens left are capped at the new burst of two.
            assertThat(statuses(gateway, token, 3)).containsExactly(200, 200, 429);
        }

        try (ConfigurableApplicationContext raised = Gateways.startReplica(
                withOverride(properties, 0, "changing-client", 5, 5, "1h"))) {
            WebTestClient gateway = Gateways.client(Gateways.port(raised));
            String token = Tokens.issue(gateway, "changing-client", "orders:read");

            // The empty bucket gains the three tokens the burst grew by, and nothing refills within the hour.
            assertThat(statuses(gateway, token, 4)).containsExactly(200, 200, 200, 429);
        }
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

    @Test
    void refusesToStartWhenAClientOverrideBreaksTheRulesNamingTheClient() {
        Map<String, String> misconfigured = withOverride(Gateways.properties("ratelimit_bad"), 0, "slow-partner", 1,
                3, "1s");

        assertThatThrownBy(() -> Gateways.startReplica(misconfigured).close())
                .hasStackTraceContaining("ficus.rate-limit.clients[0].burst is 1 for client 'slow-partner' but must "
                        + "be at least ficus.rate-limit.clients[0].refill-tokens (3 per PT1S)");
    }

    private static List<Integer> statusesOfTenCalls(WebTestClient gateway, String clientId) {
        return statuses(gateway, Tokens.issue(gateway, clientId, "orders:read"), 10);
    }

    private static List<Integer> statuses(WebTestClient gateway, String token, int calls) {
        return IntStream.range(0, calls)
                .mapToObj(attempt -> call(gateway, token).getStatus().value())
                .toList();
    }

    /** Ten answers of which the first {@code allowed} pass and the rest are refused. */
    private static List<Integer> answers(int allowed) {
        return IntStream.range(0, 10)
                .mapToObj(attempt -> attempt < allowed ? 200 : 429)
                .toList();
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

    private static Map<String, String> withOverride(Map<String, String> properties, int index, String clientId,
            int burst, int refill, String period) {

        var overridden = new LinkedHashMap<>(properties);
        String prefix = "ficus.rate-limit.clients[" + index + "].";
        overridden.put(prefix + "id", clientId);
        overridden.put(prefix + "burst", Integer.toString(burst));
        overridden.put(prefix + "refill-tokens", Integer.toString(refill));
        overridden.put(prefix + "refill-period", period);
        return overridden;
    }
}
