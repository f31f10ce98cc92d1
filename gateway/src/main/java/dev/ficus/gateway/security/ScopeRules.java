package dev.ficus.gateway.security;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.ficus.gateway.routes.ActiveRouteTable;
import dev.ficus.gateway.routes.MethodClass;
import dev.ficus.gateway.routes.RouteEntry;
import dev.ficus.gateway.routes.RouteTables;

/**
 * Scope checks. Routed paths take the scope from the route table ({@code scope: orders} means {@code orders:read}
 * for reads and {@code orders:write} for writes), so a new route is never left unprotected; fixed paths (admin,
 * BFFs) name their scope here. The scope a request needed is kept on the exchange so a 403 can say which.
 */
@Component
class ScopeRules {

    static final String REQUIRED_SCOPE_ATTRIBUTE = "ficus.required-scope";

    private final RouteTables routeTables;

    ScopeRules(RouteTables routeTables) {
        this.routeTables = routeTables;
    }

    /** Requires one fixed scope. */
    ReactiveAuthorizationManager<AuthorizationContext> require(String scope) {
        return (authentication, context) -> decide(authentication, context.getExchange(), Optional.of(scope));
    }

    /**
     * Requires the scope of the matching route. A path no route covers only needs a valid token; it then answers
     * 404, which reveals nothing a caller could not learn from the route file.
     */
    ReactiveAuthorizationManager<AuthorizationContext> fromRouteTable() {
        return (authentication, context) -> {
            ServerWebExchange exchange = context.getExchange();
            String path = exchange.getRequest().getPath().pathWithinApplication().value();

            ActiveRouteTable table = routeTables.active();
            Optional<String> scope = table.match(exchange.getRequest().getMethod(), path)
                    .map(route -> scopeFor(route, exchange));
            return decide(authentication, exchange, scope);
        };
    }

    private static String scopeFor(RouteEntry route, ServerWebExchange exchange) {
        return route.scope() + ":" + MethodClass.of(exchange.getRequest().getMethod()).scopeSuffix();
    }

    private static Mono<AuthorizationResult> decide(Mono<Authentication> authentication, ServerWebExchange exchange,
            Optional<String> scope) {

        scope.ifPresent(required -> exchange.getAttributes().put(REQUIRED_SCOPE_ATTRIBUTE, required));
        return authentication
                .filter(Authentication::isAuthenticated)
                .filter(ScopeRules::isToken)
                .map(token -> granted(scope.isEmpty() || has(token, scope.get())))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static AuthorizationResult granted(boolean granted) {
        return new AuthorizationDecision(granted);
    }

    private static boolean isToken(Authentication authentication) {
        return ClientIds.of(authentication).isPresent();
    }

    private static boolean has(Authentication token, String scope) {
        String authority = "SCOPE_" + scope;
        return token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority::equals);
    }
}
