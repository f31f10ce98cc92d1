package dev.ficus.gateway.routes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.gateway.problem.AllowedMethods;
import dev.ficus.gateway.problem.InvalidRequest;
import dev.ficus.gateway.security.ClientIds;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The route table admin API under {@code /admin/routes} (scope {@code routes:admin}). Bodies are in the route
 * file's format, YAML or JSON. Every change answers with the new table version, which is audited with the
 * calling client's id.
 */
@Configuration(proxyBeanMethods = false)
class RouteAdminEndpoints {

    @Bean
    RouterFunction<ServerResponse> routeAdminRoutes(RouteTables tables) {
        return RouterFunctions.route()
                .GET("/admin/routes", request -> answer(() -> view(tables.history(1).getFirst())))
                .PUT("/admin/routes", request -> body(request).flatMap(body -> actor(request).flatMap(actor ->
                        answer(() -> view(tables.apply(RouteTableFormat.readTable(body, "the request"), actor))))))
                .PUT("/admin/routes/entries/{id}", request -> body(request).flatMap(body -> actor(request)
                        .flatMap(actor -> answer(() -> view(tables.upsert(entry(request, body), actor))))))
                .DELETE("/admin/routes/entries/{id}", request -> actor(request).flatMap(actor ->
                        answer(() -> view(tables.remove(request.pathVariable("id"), actor)))))
                .POST("/admin/routes/reload", request -> actor(request).flatMap(actor ->
                        answer(() -> view(tables.reloadFile(actor)))))
                .POST("/admin/routes/restore", request -> actor(request).flatMap(actor ->
                        answer(() -> view(tables.restore(version(request), actor)))))
                .GET("/admin/routes/audit", request -> answer(() -> tables.history(limit(request)).stream()
                        .map(RouteAdminEndpoints::audit)
                        .toList()))
                // The same paths with any other method: 405 naming the methods above, not 404.
                .route(path("/admin/routes"), AllowedMethods.only(HttpMethod.GET, HttpMethod.PUT))
                .route(path("/admin/routes/entries/{id}"), AllowedMethods.only(HttpMethod.PUT, HttpMethod.DELETE))
                .route(path("/admin/routes/reload"), AllowedMethods.only(HttpMethod.POST))
                .route(path("/admin/routes/restore"), AllowedMethods.only(HttpMethod.POST))
                .route(path("/admin/routes/audit"), AllowedMethods.only(HttpMethod.GET))
                .build();
    }

    private static RouteEntry entry(ServerRequest request, String body) {
        String id = request.pathVariable("id");
        RouteEntry entry = RouteTableFormat.readEntry(body, "the request");
        if (entry.id() == null) {
            return new RouteEntry(id, entry.path(), entry.backendPath(), entry.methods(), entry.scope(),
                    entry.targets());
        }
        if (!Objects.equals(entry.id(), id)) {
            throw new InvalidRequest("The route id in the body differs from the one in the path",
                    List.of("body id '" + entry.id() + "' but path id '" + id + "'"));
        }
        return entry;
    }

    private static Mono<String> body(ServerRequest request) {
        return request.bodyToMono(String.class)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "A route table (YAML or JSON) is required in the body.")));
    }

    private static Mono<String> actor(ServerRequest request) {
        return request.principal()
                .flatMap(principal -> Mono.justOrEmpty(ClientIds.of(principal)))
                .defaultIfEmpty("unknown");
    }

    private static @Nullable Long version(ServerRequest request) {
        return request.queryParam("version")
                .map(value -> number(value, "version"))
                .orElse(null);
    }

    private static int limit(ServerRequest request) {
        return request.queryParam("limit")
                .map(value -> (int) Math.clamp(number(value, "limit"), 1, 500))
                .orElse(50);
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException notANumber) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " must be a number.");
        }
    }

    /** Runs blocking database work off the event loop and answers its result as JSON. */
    private static Mono<ServerResponse> answer(Callable<Object> work) {
        return Mono.fromCallable(work)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(result -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(RouteTableFormat.writeJson(result)));
    }

    private static TableView view(StoredTable stored) {
        return new TableView(stored.version(), stored.appliedAt(), stored.actor(), stored.source(),
                stored.summary(), stored.table().routes());
    }

    private static AuditEntry audit(StoredTable stored) {
        return new AuditEntry(stored.version(), stored.appliedAt(), stored.actor(), stored.source(),
                stored.summary());
    }

    /** A table version as the admin API shows it; {@code routes} can be applied again as it is. */
    record TableView(long version, Instant appliedAt, String actor, String source, String summary,
            List<RouteEntry> routes) {
    }

    /** One audited flip. */
    record AuditEntry(long version, Instant appliedAt, String actor, String source, String summary) {
    }
}
