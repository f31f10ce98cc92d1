package dev.ficus.gateway.edge;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.ficus.gateway.problem.Problems;

/**
 * Applies the browser access rules (CORS) in Spring Security's chain, before authentication, since a browser never
 * sends a token with a preflight. Spring's own CORS filter answers a refusal with a bare 403; this one answers it
 * with a 403 problem document saying what was refused (the origin, the method or which headers), so a front-end
 * developer can tell a CORS refusal from a missing scope. A preflight that passes is answered here and goes no
 * further.
 */
public final class BrowserAccessFilter implements WebFilter {

    private final CorsConfigurationSource rules;

    private final CorsProcessor processor = new DefaultCorsProcessor();

    public BrowserAccessFilter(CorsConfigurationSource rules) {
        this.rules = rules;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        @Nullable CorsConfiguration rule = rules.getCorsConfiguration(exchange);
        if (!processor.process(rule, exchange)) {
            return Problems.write(exchange, HttpStatus.FORBIDDEN, refusal(rule, exchange.getRequest()));
        }

        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }

    /** Says which rule the request broke, checking in the order the CORS processor does. */
    private static String refusal(@Nullable CorsConfiguration rule, ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        @Nullable String origin = headers.getOrigin();
        if (rule == null) {
            return "The cross-origin request was refused.";
        }
        if (origin == null || rule.checkOrigin(origin) == null) {
            return "Browser scripts from the origin '" + origin + "' may not call this gateway; allowed origins: "
                    + listed(rule.getAllowedOrigins()) + ".";
        }
        if (!CorsUtils.isPreFlightRequest(request)) {
            return "The cross-origin request was refused.";
        }

        @Nullable HttpMethod method = headers.getAccessControlRequestMethod();
        if (method == null || rule.checkHttpMethod(method) == null) {
            return "The method '" + (method == null ? "" : method.name()) + "' is not allowed in cross-origin "
                    + "requests; allowed methods: " + listed(rule.getAllowedMethods()) + ".";
        }
        List<String> refusedHeaders = headers.getAccessControlRequestHeaders().stream()
                .filter(header -> rule.checkHeaders(List.of(header)) == null)
                .toList();
        return "The headers " + refusedHeaders + " are not allowed in cross-origin requests; allowed headers: "
                + listed(rule.getAllowedHeaders()) + ".";
    }

    private static String listed(@Nullable List<String> values) {
        return values == null ? "none" : String.join(", ", values);
    }
}
