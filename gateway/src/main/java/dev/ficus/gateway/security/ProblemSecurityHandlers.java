package dev.ficus.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.ficus.gateway.problem.Problems;

/**
 * Answers 401 and 403 as problem documents, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. A
 * missing token and a bad one are told apart, and a 403 names the scope the request needed.
 */
class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof OAuth2AuthenticationException invalid) {
            String reason = invalid.getError().getDescription() != null
                    ? invalid.getError().getDescription()
                    : invalid.getError().getErrorCode();
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "The bearer token is not valid: " + reason,
                    HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                "This request needs a bearer token in the Authorization header.",
                HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String scope = exchange.getAttribute(ScopeRules.REQUIRED_SCOPE_ATTRIBUTE);
        String detail = scope != null
                ? "The token lacks the scope '" + scope + "' this request needs."
                : "The token does not allow this request.";
        String challenge = scope != null
                ? "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""
                : "Bearer error=\"insufficient_scope\"";
        return Problems.write(exchange, HttpStatus.FORBIDDEN, detail, HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
}
