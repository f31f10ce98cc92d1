package dev.ficus.gateway;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import dev.ficus.gateway.support.Backend;
import dev.ficus.gateway.support.Gateways;

import static org.assertj.core.api.Assertions.assertThat;

/** The web, mobile and partner BFFs compose and shape real backend answers, routed through the route table. */
class BffTest extends EdgeGatewayTest {

    private static final String ORDER = """
            {"orderId":"o-100","customerId":"c-100","status":"REJECTED","totalCents":4500,
             "lines":[{"sku":"tea","quantity":2,"priceCents":1500},{"sku":"cup","quantity":1,"priceCents":1500}],
             "placedAt":"2026-12-01T10:00:00Z",
             "saga":{"state":"COMPENSATED","steps":[
               {"name":"charge-payment","status":"SUCCEEDED","attempts":1,"lastError":null,
                "startedAt":"2026-12-01T10:00:02Z","finishedAt":"2026-12-01T10:00:03Z",
                "compensation":{"status":"SUCCEEDED","attempts":2,"lastError":"refund timed out"}},
               {"name":"reserve-inventory","status":"SUCCEEDED","attempts":1,"lastError":null,
                "startedAt":"2026-12-01T10:00:00Z","finishedAt":"2026-12-01T10:00:01Z","compensation":null},
               {"name":"schedule-shipment","status":"FAILED","attempts":3,"lastError":"carrier down",
                "startedAt":"2026-12-01T10:00:04Z","finishedAt":"2026-12-01T10:00:09Z","compensation":null}]}}
            """;

    @Test
    void shapesCompactOrderSummariesForMobile() {
        Gateways.MONOLITH.stub("GET", "/orders", 200, "{\"orders\":[" + ORDER + "]}");

        gateway.get().uri("/mobile/orders?customerId=c-100")
                .headers(headers -> headers.setBearerAuth(token("mobile-app", "orders:read")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.orders.length()").isEqualTo(1)
                .jsonPath("$.orders[0].orderId").isEqualTo("o-100")
                .jsonPath("$.orders[0].itemCount").isEqualTo(3)
                .jsonPath("$.orders[0].totalCents").isEqualTo(4500)
                .jsonPath("$.orders[0].lines").doesNotExist()
                .jsonPath("$.orders[0].saga").doesNotExist();

        Backend.Received received = Gateways.MONOLITH.receivedUnder("/orders").getLast();
        assertThat(received.rawQuery()).isEqualTo("customerId=c-100");
        assertThat(received.header("X-Ficus-Client-Id")).isEqualTo("mobile-app");
    }

    @Test
    void composesTheFullOrderWithCustomerAndSagaTimelineForWeb() {
        Gateways.MONOLITH.stub("GET", "/orders/o-100", 200, ORDER);
        Gateways.MONOLITH.stub("GET", "/customers/c-100", 200,
                "{\"id\":\"c-100\",\"name\":\"Ada\",\"email\":\"ada@example.com\"}");

        gateway.get().uri("/web/orders/o-100")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .header("X-Request-Id", "req-web-1")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.orderId").isEqualTo("o-100")
                .jsonPath("$.lines.length()").isEqualTo(2)
                .jsonPath("$.saga.state").isEqualTo("COMPENSATED")
                .jsonPath("$.customer.name").isEqualTo("Ada")
                .jsonPath("$.timeline[0].step").isEqualTo("reserve-inventory")
                .jsonPath("$.timeline[0].event").isEqualTo("started")
                .jsonPath("$.timeline[5].step").isEqualTo("schedule-shipment")
                .jsonPath("$.timeline[5].event").isEqualTo("failed")
                .jsonPath("$.timeline[5].error").isEqualTo("carrier down")
                .jsonPath("$.timeline[6].event").isEqualTo("compensation-succeeded")
                .jsonPath("$.timeline[6].attempts").isEqualTo(2);

        assertThat(Gateways.MONOLITH.receivedUnder("/customers/c-100").getLast().header("X-Request-Id"))
                .isEqualTo("req-web-1");
    }

    @Test
    void passesABackendProblemThroughTheWebBff() {
        Gateways.MONOLITH.stub("GET", "/orders/o-missing", 404,
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no order o-missing\"}");

        gateway.get().uri("/web/orders/o-missing")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:read")))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("no order o-missing");
    }

    @Test
    void submitsAPartnerBatchWithAResultPerItem() {
        Gateways.MONOLITH.stub("POST", "/orders", request -> request.body().contains("\"unknown-sku\"")
                ? new Backend.Reply(422, "{\"status\":422,\"detail\":\"unknown sku\"}", Map.of())
                : new Backend.Reply(202, "{\"orderId\":\"o-" + request.header("Idempotency-Key")
                        + "\",\"status\":\"PENDING\"}", Map.of()));

        gateway.post().uri("/partner/orders/batch")
                .headers(headers -> headers.setBearerAuth(token("partner-acme", "partner")))
                .header("Idempotency-Key", "batch-7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"orders":[
                          {"reference":"acme-1","customerId":"c-1","lines":[{"sku":"tea","quantity":1}]},
                          {"reference":"acme-2","customerId":"c-1","lines":[{"sku":"unknown-sku","quantity":1}]},
                          {"reference":"acme-3","customerId":"c-2","lines":[{"sku":"cup","quantity":4}]}]}
                        """)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.accepted").isEqualTo(2)
                .jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.results[0].reference").isEqualTo("acme-1")
                .jsonPath("$.results[0].status").isEqualTo(202)
                .jsonPath("$.results[0].orderId").isEqualTo("o-batch-7-0")
                .jsonPath("$.results[1].outcome").isEqualTo("rejected")
                .jsonPath("$.results[1].status").isEqualTo(422)
                .jsonPath("$.results[1].problem.detail").isEqualTo("unknown sku")
                .jsonPath("$.results[2].orderId").isEqualTo("o-batch-7-2");
    }

    @Test
    void refusesAPartnerBatchFromATokenWithoutThePartnerScope() {
        gateway.post().uri("/partner/orders/batch")
                .headers(headers -> headers.setBearerAuth(token("web-app", "orders:write")))
                .header("Idempotency-Key", "batch-8")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"orders\":[]}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("partner"));
    }
}
