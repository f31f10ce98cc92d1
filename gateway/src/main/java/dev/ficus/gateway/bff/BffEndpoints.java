package dev.ficus.gateway.bff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

import dev.ficus.gateway.problem.AllowedMethods;
import dev.ficus.gateway.problem.InvalidRequest;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The three BFF route groups. {@code /mobile} answers compact order summaries, {@code /web} the full order with
 * its customer and saga timeline, {@code /partner} a batch order submission with a result per item. A backend
 * error on the main call is passed through with its status and problem document.
 */
@Configuration(proxyBeanMethods = false)
class BffEndpoints {

    static final int MAX_BATCH = 100;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    @Bean
    RouterFunction<ServerResponse> bffRoutes(Backends backends) {
        return RouterFunctions.route()
                .GET("/mobile/orders", request -> customerOrders(backends, request))
                .GET("/mobile/orders/{id}", request -> mobileOrder(backends, request))
                .GET("/web/orders/{id}", request -> webOrder(backends, request))
                .POST("/partner/orders/batch", request -> partnerBatch(backends, request))
                // The same paths with any other method: 405 naming the method above, not 404.
                .route(path("/mobile/orders").or(path("/mobile/orders/{id}")).or(path("/web/orders/{id}")),
                        AllowedMethods.only(HttpMethod.GET))
                .route(path("/partner/orders/batch"), AllowedMethods.only(HttpMethod.POST))
                .build();
    }

    private static Mono<ServerResponse> customerOrders(Backends backends, ServerRequest request) {
        String customerId = request.queryParam("customerId")
                .filter(id -> ID.matcher(id).matches())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "customerId is required: 1 to 64 letters, digits, dashes or underscores."));

        String query = "customerId=" + UriUtils.encodeQueryParam(customerId, StandardCharsets.UTF_8);
        return backends.get(request, "/api/orders", query).flatMap(answer -> answer.ok()
                ? json(Map.of("orders", answer.list("orders").stream().map(OrderShapes::compact).toList()))
                : passThrough(answer));
    }

    private static Mono<ServerResponse> mobileOrder(Backends backends, ServerRequest request) {
        return backends.get(request, "/api/orders/" + id(request), null)
                .flatMap(answer -> answer.ok() ? json(OrderShapes.compact(answer.body())) : passThrough(answer));
    }

    private static Mono<ServerResponse> webOrder(Backends backends, ServerRequest request) {
        return backends.get(request, "/api/orders/" + id(request), null).flatMap(order -> {
            if (!order.ok()) {
                return passThrough(order);
            }

            // The customer only decorates the view: if it cannot be fetched, the order is still shown.
            Object customerId = order.body().get("customerId");
            Mono<@Nullable Map<String, Object>> customer = customerId != null && ID.matcher(customerId.toString())
                    .matches()
                    ? backends.get(request, "/api/customers/" + customerId, null)
                            .map(answer -> answer.ok() ? answer.body() : Map.<String, Object>of())
                            .onErrorReturn(Map.of())
                    : Mono.just(Map.of());
            return customer.flatMap(found -> json(OrderShapes.full(order.body(), found.isEmpty() ? null : found)));
        });
    }

    private static Mono<ServerResponse> partnerBatch(Backends backends, ServerRequest request) {
        String batchKey = request.headers().firstHeader("Idempotency-Key");
        if (batchKey == null || batchKey.isBlank()) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "A batch needs an Idempotency-Key header; each order gets '<key>-<index>' from it."));
        }

        return request.bodyToMono(JSON_OBJECT)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "A body is required.")))
                .map(BffEndpoints::batchItems)
                .flatMap(items -> Flux.range(0, items.size())
                        .flatMapSequential(index -> submit(backends, request, batchKey, index, items.get(index)), 4)
                        .collectList())
                .flatMap(results -> {
                    long accepted = results.stream().filter(result -> "accepted".equals(result.get("outcome"))).count();
                    var body = new LinkedHashMap<String, Object>();
                    body.put("accepted", accepted);
                    body.put("rejected", results.size() - accepted);
                    body.put("results", results);
                    return json(body);
                });
    }

    private static List<Map<String, Object>> batchItems(Map<String, Object> body) {
        if (!(body.get("orders") instanceof List<?> orders) || orders.isEmpty() || orders.size() > MAX_BATCH) {
            throw new InvalidRequest("The batch is not valid",
                    List.of("orders must be a list of 1 to " + MAX_BATCH + " orders"));
        }

        var items = new ArrayList<Map<String, Object>>();
        for (Object order : orders) {
            if (!(order instanceof Map<?, ?> item)) {
                throw new InvalidRequest("The batch is not valid", List.of("every order must be an object"));
            }
            var copy = new LinkedHashMap<String, Object>();
            item.forEach((key, value) -> copy.put(String.valueOf(key), value));
            items.add(copy);
        }
        return items;
    }

    private static Mono<Map<String, Object>> submit(Backends backends, ServerRequest request, String batchKey,
            int index, Map<String, Object> item) {

        var order = new LinkedHashMap<String, Object>();
        order.put("customerId", item.get("customerId"));
        order.put("lines", item.get("lines"));

        var result = new LinkedHashMap<String, Object>();
        result.put("index", index);
        result.put("reference", item.get("reference"));
        return backends.post(request, "/api/orders", order, Map.of("Idempotency-Key", batchKey + "-" + index))
                .map(answer -> {
                    result.put("status", answer.status().value());
                    if (answer.ok()) {
                        result.put("outcome", "accepted");
                        result.put("orderId", answer.body().get("orderId"));
                    }
                    else {
                        result.put("outcome", "rejected");
                        result.put("problem", answer.body());
                    }
                    return (Map<String, Object>) result;
                })
                .onErrorResume(failure -> {
                    result.put("status", HttpStatus.BAD_GATEWAY.value());
                    result.put("outcome", "failed");
                    result.put("problem", Map.of("detail", "The order backend could not be reached."));
                    return Mono.just(result);
                });
    }

    private static String id(ServerRequest request) {
        String id = request.pathVariable("id");
        if (!ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "An order id is 1 to 64 letters, digits, dashes or underscores.");
        }
        return id;
    }

    private static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    private static Mono<ServerResponse> passThrough(Backends.Answer answer) {
        return ServerResponse.status(answer.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(answer.body());
    }
}
