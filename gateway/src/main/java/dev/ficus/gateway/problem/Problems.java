package dev.ficus.gateway.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 problem documents straight onto a response, so that security handlers and web filters, which
 * run outside any controller, answer in the same format as the rest of the gateway.
 */
public final class Problems {

    /** The exchange attribute holding the request id, set by the request-id filter. */
    public static final String REQUEST_ID_ATTRIBUTE = "ficus.request-id";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /**
     * Builds the problem body: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, the
     * request id and any extra members.
     */
    public static Map<String, Object> body(ServerWebExchange exchange, HttpStatusCode status, String detail,
            Map<String, ?> extra) {

        String requestId = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
        return body(status, detail, exchange.getRequest().getPath().value(), requestId, extra);
    }

    /**
     * The problem document as bytes, for answers written below Spring's web layer, where there is no exchange:
     * without {@code instance} when the request could not even be read.
     */
    public static byte[] document(HttpStatusCode status, String detail, @Nullable String instance,
            @Nullable String requestId) {

        return JSON.writeValueAsBytes(body(status, detail, instance, requestId, Map.of()));
    }

    private static Map<String, Object> body(HttpStatusCode status, String detail, @Nullable String instance,
            @Nullable String requestId, Map<String, ?> extra) {

        var body = new LinkedHashMap<String, Object>();
        body.put("type", typeOf(status).toString());
        body.put("title", titleOf(status));
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        body.putAll(extra);
        return body;
    }

    /** Writes a problem with the given status and detail, unless the response has already been committed. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange, status, detail, Map.of());
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail,
            Map<String, ?> extra) {

        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(new IllegalStateException(
                    "Cannot answer " + status + " for " + exchange.getRequest().getPath() + ": response committed"));
        }

        byte[] bytes = JSON.writeValueAsBytes(body(exchange, status, detail, extra));
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);

        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** Adds a header and writes the problem; used for {@code Retry-After} and {@code WWW-Authenticate}. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail,
            String headerName, String headerValue) {

        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(headerName, headerValue);
        return write(exchange, status, detail);
    }

    /**
     * Named like the monolith's problem types (docs/errors.md), so a client switches on one vocabulary
     * whichever side refused it. At the edge each status has one meaning.
     */
    static URI typeOf(HttpStatusCode status) {

        String slug = switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 431 -> "request-headers-too-large";
            case 502 -> "bad-gateway";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
        };
        return URI.create("https://ficus.dev/problems/" + slug);
    }

    private static String titleOf(HttpStatusCode status) {
        @Nullable HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }
}
