package dev.ficus.gateway;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.ficus.gateway.support.Backend;
import dev.ficus.gateway.support.Gateways;
import dev.ficus.gateway.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, errors, paths and headers at the edge, through real HTTP to real loopback backends. */
class EdgeHygieneTest extends EdgeGatewayTest {

    @Test
    void routesApiPathsToTheMonolithWithoutTheApiPrefix() {
        String token = token("web-app", "orders:read");

        gateway.get().uri("/api/orders/o-17?expand=lines")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("monolith");

        Backend.Received received = Gateways.MONOLITH.receivedUnder("/orders/o-17").getLast();
        assertThat(received.rawQuery()).isEqualTo("expand=lines");
        assertThat(received.header("X-Ficus-Client-Id")).isEqualTo("web-app");
    }

    @Test
    void rewritesEncodedPathsWithoutEncodingThemTwice() {
        String token = token("legacy-client", "inventory:read");

        for (String encoded : new String[] {"ab%20cd", "caf%C3%A9"}) {
            gateway.get().uri(URI.create("http://127.0.0.1:" + port + "/legacy/items/" + encoded))
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isOk();
        }

        var received = Gateways.MONOLITH.receivedUnder("/inventory/items/");
        assertThat(received).extracting(Backend.Received::path)
                .contains("/inventory/items/ab cd", "/inventory/items/café");
        assertThat(received).extracting(Backend.Received::rawPath)
                .contains("/inventory/items/ab%20cd", "/inventory/items/caf%C3%A9")
                .noneMatch(path -> path.contains("%25"));
    }

    @Test
    void refusesAnAlreadyEncodedPercentSignInsteadOfDecodingItTwice() {
        gateway.get().uri(URI.create("http://127.0.0.1:" + port + "/legacy/items/ab%2520cd"))
                .headers(headers -> headers.setBearerAuth(token("legacy-client", "inventory:read")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400);

        assertThat(Gateways.MONOLITH.received()).noneMatch(request -> request.rawPath().contains("%25"));
    }

    @Test
    void rejectsARequestWithoutTokenAsProblem401() {
        gateway.get().uri("/api/orders/o-1")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("https://ficus.dev/problems/unauthenticated")
                .jsonPath("$.instance").isEqualTo("/api/orders/o-1")
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void rejectsTokensWithBadSignatureExpiryIssuerOrAudience() throws Exception {
        RSAKey strangerKey = new RSAKeyGenerator(2048).keyID("stranger").generate();
        Instant now = Instant.now();
        var good = Tokens.claims("urn:ficus:dev-issuer", "ficus-api", "mallory", "orders:read");

        String badSignature = Tokens.sign(strangerKey, good, now, Duration.ofMinutes(5));
        String expired = Tokens.forge(gatewayDatabase, good, now.minus(Duration.ofHours(2)), Duration.ofHours(1));
        Duration fiveMinutes = Duration.ofMinutes(5);
        String otherIssuer = Tokens.forge(gatewayDatabase,
                Tokens.claims("https://evil.example", "ficus-api", "mallory", "orders:read"), now, fiveMinutes);
        String otherAudience = Tokens.forge(gatewayDatabase,
                Tokens.claims("urn:ficus:dev-issuer", "other-api", "mallory", "orders:read"), now, fiveMinutes);

        for (String token : new String[] {badSignature, expired, otherIssuer, otherAudience}) {
            gateway.get().uri("/api/orders/o-1")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .expectBody().jsonPath("$.detail").value(detail ->
                            assertThat((String) detail).startsWith("The bearer token is not valid"));
        }
        assertThat(Gateways.MONOLITH.received()).noneMatch(request ->
                "mallory".equals(request.header("X-Ficus-Client-Id")));
    }

    @Test
    void rejectsATokenWithoutTheRouteScopeAsProblem403NamingTheScope() {
        String readOnly = token("reader", "orders:read");

        gateway.post().uri("/api/orders")
                .headers(headers -> headers.setBearerAuth(readOnly))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"customerId\":\"c-1\",\"lines\":[]}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("orders:write"));
    }

    @Test
    void answersAPathNoRouteCoversAsProblem404() {
        gateway.get().uri("/api/nothing-here")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void refusesABodyOverTheSizeLimitAsProblem413() {
        byte[] tooLarge = new byte[65 * 1024];
        int before = Gateways.MONOLITH.received().size();

        gateway.post().uri("/api/orders")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tooLarge)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
        assertThat(Gateways.MONOLITH.received()).hasSize(before);
    }

    @Test
    void refusesAChunkedBodyOverTheSizeLimitAsProblem413() {
        var buffers = new DefaultDataBufferFactory();
        Flux<DataBuffer> chunks = Flux.range(0, 20).map(chunk -> buffers.wrap(new byte[8 * 1024]));

        gateway.post().uri("/api/orders")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesHeadersOrARequestLineTooLargeToReadAsProblems() {
        gateway.get().uri("/api/orders/o-1")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .header("X-Padding", "p".repeat(9 * 1024))
                .exchange()
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(431)
                .jsonPath("$.title").isEqualTo("Request Header Fields Too Large")
                .jsonPath("$.requestId").isNotEmpty();

        gateway.get().uri("/api/orders/" + "o".repeat(5000))
                .exchange()
                .expectStatus().isEqualTo(414)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(414);
    }

    @Test
    void answersBytesThatAreNotHttpAsProblem400() throws Exception {
        String unreadable = "GET /api/orders HTTP/1.1\r\nHost: gateway\r\nContent-Length: many\r\n\r\n";
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(unreadable.getBytes(StandardCharsets.US_ASCII));

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400 ")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":400");
        }
    }

    @Test
    void passesAnEmptyBackendErrorThroughWithoutMakingItAProblem() {
        Gateways.MONOLITH.stub("GET", "/orders/o-empty-400", 400, "");

        gateway.get().uri("/api/orders/o-empty-400")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.CONTENT_TYPE)
                .expectBody().isEmpty();
    }

    @Test
    void answersAnUnreachableBackendAsProblem502() {
        String admin = token("ops-console", "routes:admin");
        gateway.put().uri("/admin/routes/entries/unreachable")
                .headers(headers -> headers.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"path": "/api/unreachable", "methods": ["READ"], "scope": "unreachable",
                         "targets": [{"name": "unreachable", "weight": 100}]}
                        """)
                .exchange()
                .expectStatus().isOk();

        gateway.get().uri("/api/unreachable/x")
                .headers(headers -> headers.setBearerAuth(token("web-app", "unreachable:read")))
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(502);
    }

    @Test
    void propagatesTheRequestIdAndTheTraceContextToTheBackend() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        gateway.get().uri("/api/customers/c-trace")
                .headers(headers -> headers.setBearerAuth(token("web-app", "customers:read")))
                .header("X-Request-Id", "req-trace-1")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-trace-1");

        Backend.Received received = Gateways.MONOLITH.receivedUnder("/customers/c-trace").getLast();
        assertThat(received.header("X-Request-Id")).isEqualTo("req-trace-1");
        assertThat(received.header("traceparent")).startsWith("00-" + traceId + "-");
    }

    @Test
    void givesARequestWithoutIdANewOneSeenByBackendAndCaller() {
        String answered = gateway.get().uri("/api/customers/c-new-id")
                .headers(headers -> headers.setBearerAuth(token("web-app", "customers:read")))
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");

        assertThat(answered).isNotBlank();
        assertThat(Gateways.MONOLITH.receivedUnder("/customers/c-new-id").getLast().header("X-Request-Id"))
                .isEqualTo(answered);
    }

    @Test
    void stripsHopByHopAndInternalHeadersInBothDirections() {
        Gateways.MONOLITH.stub("GET", "/customers/c-headers", 200, "{\"id\":\"c-headers\"}",
                Map.of("X-Ficus-Debug", "internal", "X-Visible", "yes"));

        gateway.get().uri("/api/customers/c-headers")
                .headers(headers -> headers.setBearerAuth(token("web-app", "customers:read")))
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "do-not-forward")
                .header("X-Ficus-Client-Id", "forged-client")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("X-Ficus-Debug")
                .expectHeader().valueEquals("X-Visible", "yes");

        Backend.Received received = Gateways.MONOLITH.receivedUnder("/customers/c-headers").getLast();
        assertThat(received.header("X-Hop-Secret")).isNull();
        assertThat(received.header("Proxy-Authorization")).isNull();
        assertThat(received.header("X-Ficus-Client-Id")).isEqualTo("web-app");
    }

    @Test
    void answersCorsPreflightOnlyForAllowedOrigins() {
        gateway.options().uri("/api/orders")
                .header("Origin", "https://app.ficus.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Idempotency-Key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://app.ficus.test");

        gateway.options().uri("/api/orders")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.instance").isEqualTo("/api/orders")
                .jsonPath("$.requestId").isNotEmpty()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("'https://evil.example'", "https://app.ficus.test"));
    }

    @Test
    void refusesACorsPreflightForAMethodOrHeaderNotAllowedAsProblem403() {
        gateway.options().uri("/api/orders")
                .header("Origin", "https://app.ficus.test")
                .header("Access-Control-Request-Method", "TRACE")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("'TRACE'", "GET, HEAD, POST"));

        gateway.options().uri("/api/orders")
                .header("Origin", "https://app.ficus.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-Debug-Mode, X-Trace-Me")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .containsIgnoringCase("[X-Debug-Mode, X-Trace-Me]"));
    }

    @Test
    void refusesACrossOriginCallFromAnOriginNotAllowedAsProblem403WithoutReachingTheBackend() {
        int before = Gateways.MONOLITH.receivedUnder("/orders/o-cors").size();

        gateway.get().uri("/api/orders/o-cors")
                .header("Origin", "https://evil.example")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403);

        assertThat(Gateways.MONOLITH.receivedUnder("/orders/o-cors")).hasSize(before);
    }

    @Test
    void refusesAMethodTheGatewayNeverServesAsProblem405() {
        for (String method : new String[] {"TRACE", "PURGE"}) {
            gateway.method(HttpMethod.valueOf(method)).uri("/api/orders/o-1")
                    .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                    .exchange()
                    .expectStatus().isEqualTo(405)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET", "POST"))
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                            .contains("'" + method + "'"));
        }
    }

    @Test
    void answersAMethodTheRouteTableDoesNotRouteForThePathAsProblem405() {
        int before = Gateways.MONOLITH.receivedUnder("/inventory/items/").size();

        gateway.post().uri("/legacy/items/i-1")
                .headers(headers -> headers.setBearerAuth(token("legacy-client", "inventory:read", "inventory:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,HEAD,OPTIONS")
                .expectBody().jsonPath("$.status").isEqualTo(405);

        assertThat(Gateways.MONOLITH.receivedUnder("/inventory/items/")).hasSize(before);
    }

    @Test
    void answersAdminAndBffPathsCalledWithAnotherMethodAsProblem405AndUnknownOnesAs404() {
        String admin = token("ops-console", "routes:admin");
        gateway.patch().uri("/admin/routes")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,PUT");
        gateway.get().uri("/admin/routes/reload")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");

        gateway.get().uri("/admin/routes/nothing-here")
                .headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("No route matches this path.")
                .jsonPath("$.instance").isEqualTo("/admin/routes/nothing-here");

        gateway.delete().uri("/web/orders/o-1")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET");
    }

    @Test
    void refusesAPartnerBatchThatIsNotJsonAsProblem415() {
        gateway.post().uri("/partner/orders/batch")
                .headers(headers -> headers.setBearerAuth(token("partner-a", "partner")))
                .header("Idempotency-Key", "batch-415")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("orders: none")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(415);
    }

    @Test
    void rejectsAMalformedAuthorizationHeaderAsProblem401() {
        // RFC 6750 counts a malformed token as an invalid one (401), not as a malformed request (400).
        for (String authorization : new String[] {"Bearer two words", "Bearer", "Bearer not!base64"}) {
            gateway.get().uri("/api/orders/o-1")
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(401)
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("malformed"));
        }
    }

    @Test
    void servesHealthAndPrometheusMetricsWithoutAToken() {
        gateway.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");

        gateway.get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(metrics -> assertThat(metrics).contains("http_server_requests"));
    }

    @Test
    void issuesDevelopmentTokensAndPublishesTheirKey() {
        gateway.get().uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].d").doesNotExist();

        WebTestClient.ResponseSpec refused = gateway.post().uri("/dev/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("client_id=" + UUID.randomUUID().toString().repeat(3))
                .exchange();
        refused.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
