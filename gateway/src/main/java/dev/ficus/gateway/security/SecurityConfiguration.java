package dev.ficus.gateway.security;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

import dev.ficus.gateway.edge.BrowserAccessFilter;
import dev.ficus.gateway.problem.Problems;

/**
 * Every request needs a valid bearer token except health, metrics and the development issuer's own endpoints.
 * Tokens are checked for signature, expiry (a token without {@code exp} is refused), issuer and audience.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The methods Spring Security's firewall lets through; every other one is refused before any routing. */
    private static final Set<HttpMethod> SERVED_METHODS = Collections.unmodifiableSequencedSet(new LinkedHashSet<>(
            List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                    HttpMethod.DELETE, HttpMethod.OPTIONS)));

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder, ScopeRules scopes,
            CorsConfigurationSource browserAccess) {

        var problems = new ProblemSecurityHandlers();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Spring's CORS filter would refuse with a bare 403; this one, in the same place, with a problem.
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new BrowserAccessFilter(browserAccess), SecurityWebFiltersOrder.CORS)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        .pathMatchers(HttpMethod.POST, "/dev/token").permitAll()
                        .pathMatchers("/admin/**").access(scopes.require("routes:admin"))
                        .pathMatchers("/partner/**").access(scopes.require("partner"))
                        .pathMatchers("/web/**", "/mobile/**").access(scopes.require("orders:read"))
                        .anyExchange().access(scopes.fromRouteTable()))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * Requests the firewall refuses answer as problem documents, like every other gateway error: a method the
     * gateway never serves (TRACE, CONNECT or an invented one) with 405 and {@code Allow}, anything else (an
     * encoded percent sign, slash or dot segment in the path, which could be decoded twice on the way to a backend,
     * or a control character in a header) with 400.
     */
    @Bean
    ServerExchangeRejectedHandler problemOnRejectedExchange() {
        return (exchange, rejected) -> {
            HttpMethod method = exchange.getRequest().getMethod();
            if (!SERVED_METHODS.contains(method)) {
                exchange.getResponse().getHeaders().setAllow(SERVED_METHODS);
                return Problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED,
                        "The method '" + method.name() + "' is not served by this gateway.");
            }
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "The request was refused by the gateway's "
                    + "firewall: " + rejected.getMessage() + ". Paths must not contain encoded percent signs, "
                    + "encoded slashes or dot segments.");
        };
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties token, ObjectProvider<DevIssuer> devIssuer) {
        @Nullable DevIssuer issuer = devIssuer.getIfAvailable();
        NimbusReactiveJwtDecoder decoder;
        if (issuer != null) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(issuer.publicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        }
        else if (token.jwkSetUri() != null) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(token.jwkSetUri().toString()).build();
        }
        else {
            throw new IllegalStateException("No way to check token signatures: the development issuer is off "
                    + "(ficus.dev-issuer.enabled=false) and ficus.security.jwk-set-uri is not set. Set it to the "
                    + "issuer's JWK set URL, for Cognito https://cognito-idp.<region>.amazonaws.com/<pool-id>"
                    + "/.well-known/jwks.json");
        }

        decoder.setJwtValidator(validator(token));
        return decoder;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "ficus.dev-issuer.enabled", matchIfMissing = true)
    DevIssuer devIssuer(JdbcClient jdbc, TokenProperties token, DevIssuerProperties properties) {
        return new DevIssuer(jdbc, token, properties);
    }

    static OAuth2TokenValidator<Jwt> validator(TokenProperties token) {
        List<String> audiences = token.audiences();
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(token.clockSkew()),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(token.issuer()),
                new JwtClaimValidator<@Nullable Object>(token.audienceClaim(), value -> matches(value, audiences)));
    }

    private static boolean matches(@Nullable Object audience, List<String> accepted) {
        if (audience instanceof String single) {
            return accepted.contains(single);
        }
        if (audience instanceof Collection<?> many) {
            return many.stream().anyMatch(accepted::contains);
        }
        return false;
    }
}
