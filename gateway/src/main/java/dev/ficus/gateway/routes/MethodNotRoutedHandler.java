package dev.ficus.gateway.routes;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns "no route" into 405 when the route table does cover the path, only not for this method (a POST to a
 * read-only prefix), with {@code Allow} listing the methods that would be routed. It runs just before the problem
 * writer, which then answers both cases as problem documents.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 90)
class MethodNotRoutedHandler implements WebExceptionHandler {

    private final RouteTables routeTables;

    MethodNotRoutedHandler(RouteTables routeTables) {
        this.routeTables = routeTables;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ResponseStatusException notFound
                && notFound.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {

            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            List<HttpMethod> allowed = routeTables.active().allowedMethods(path);
            if (!allowed.isEmpty()) {
                return Mono.error(new MethodNotAllowedException(exchange.getRequest().getMethod(), allowed));
            }
        }
        return Mono.error(failure);
    }
}
