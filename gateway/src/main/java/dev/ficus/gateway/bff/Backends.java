package dev.ficus.gateway.bff;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.gateway.problem.Problems;
import dev.ficus.gateway.routes.RouteTables;
import dev.ficus.gateway.security.ClientIds;

/**
 * Calls backends for the BFFs by public path ({@code /api/orders/7}), resolved through the active route table,
 * so a BFF follows every flip and canary the table makes. It passes on the request id and the client id; the
 * trace context travels with the instrumented WebClient.
 */
@Component
class Backends {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    private final RouteTables tables;

    private final WebClient client;

    Backends(RouteTables tables, WebClient.Builder builder) {
        this.tables = tables;
        this.client = builder.build();
    }

    Mono<Answer> get(ServerRequest incoming, String path, @Nullable String query) {
        return call(incoming, HttpMethod.GET, path, query, null, Map.of());
    }

    Mono<Answer> post(ServerRequest incoming, String path, Object body, Map<String, String> headers) {
        return call(incoming, HttpMethod.POST, path, null, body, headers);
    }

    private Mono<Answer> call(ServerRequest incoming, HttpMethod method, String path, @Nullable String query,
            @Nullable Object body, Map<String, String> extraHeaders) {

        URI base = tables.active().backendUrl(method, path)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                        "The route table has no route for " + method + " " + path + "."));
        URI url = query == null ? base : URI.create(base + "?" + query);

        return incoming.principal()
                .flatMap(principal -> Mono.justOrEmpty(ClientIds.of(principal)))
                .defaultIfEmpty("")
                .flatMap(clientId -> {
                    WebClient.RequestBodySpec request = client.method(method)
                            .uri(url)
                            .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                            .headers(headers -> copyHeaders(incoming, clientId, extraHeaders, headers));
                    WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.bodyValue(body);
                    return ready.exchangeToMono(Backends::answer);
                });
    }

    private static void copyHeaders(ServerRequest incoming, String clientId, Map<String, String> extraHeaders,
            HttpHeaders headers) {

        String requestId = incoming.exchange().getAttribute(Problems.REQUEST_ID_ATTRIBUTE);
        if (requestId != null) {
            headers.set("X-Request-Id", requestId);
        }
        if (!clientId.isEmpty()) {
            headers.set("X-Ficus-Client-Id", clientId);
        }
        extraHeaders.forEach(headers::set);
    }

    private static Mono<Answer> answer(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        return response.bodyToMono(JSON_OBJECT)
                .map(body -> new Answer(status, body))
                .defaultIfEmpty(new Answer(status, Map.of()));
    }

    /** A backend's status and JSON body; errors carry the backend's problem document. */
    record Answer(HttpStatusCode status, Map<String, Object> body) {

        boolean ok() {
            return status.is2xxSuccessful();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String name) {
            return body.get(name) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        }
    }
}
