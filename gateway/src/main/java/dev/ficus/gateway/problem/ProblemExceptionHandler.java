package dev.ficus.gateway.problem;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every exception that reaches the web layer into a problem document. It runs before Spring Boot's
 * default error handler, whose JSON is not RFC 9457. A failure to reach a backend answers 502, a backend
 * timeout 504; anything unexpected answers 500 without internals and is logged with the request id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }

        if (failure instanceof InvalidRequest invalid) {
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, invalid.getMessage(),
                    Map.of("errors", invalid.errors()));
        }
        if (failure instanceof ResponseStatusException statusFailure) {
            statusFailure.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
            return Problems.write(exchange, statusFailure.getStatusCode(), detailOf(statusFailure));
        }
        if (isConnectFailure(failure)) {
            LOG.warn("Backend unreachable for {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), failure.getMessage());
            return Problems.write(exchange, HttpStatus.BAD_GATEWAY, "The backend for this path cannot be reached.");
        }
        if (failure instanceof TimeoutException) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "The backend did not answer in time.");
        }

        LOG.error("Unexpected failure for {} {} (request id {})", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), exchange.getAttribute(Problems.REQUEST_ID_ATTRIBUTE), failure);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed to handle the request.");
    }

    private static String detailOf(ResponseStatusException failure) {
        HttpStatusCode status = failure.getStatusCode();

        // WebFlux reports an unrouted path as a missing static resource, naming the whole request URL.
        if (failure instanceof NoResourceFoundException) {
            return "No route matches this path.";
        }
        if (failure.getReason() != null) {
            return failure.getReason();
        }
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "No route matches this path.";
        }
        return "The request failed with status " + status.value() + ".";
    }

    private static boolean isConnectFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
