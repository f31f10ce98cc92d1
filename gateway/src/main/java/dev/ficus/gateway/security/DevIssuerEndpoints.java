package dev.ficus.gateway.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * The development issuer's HTTP side: {@code POST /dev/token} with {@code client_id} and a space-separated
 * {@code scope} (form-encoded, as in the OAuth 2 client credentials grant) returns a signed access token;
 * {@code GET /.well-known/jwks.json} publishes the public key. Both exist only while the development issuer is on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ficus.dev-issuer.enabled", matchIfMissing = true)
class DevIssuerEndpoints {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:._/-]{1,64}");

    @Bean
    RouterFunction<ServerResponse> devIssuerRoutes(DevIssuer issuer) {
        return RouterFunctions.route()
                .GET("/.well-known/jwks.json", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(issuer.publicJwkSet()))
                .POST("/dev/token", request -> token(request, issuer))
                .build();
    }

    private static Mono<ServerResponse> token(ServerRequest request, DevIssuer issuer) {
        return request.formData().flatMap(form -> {
            String grantType = form.getFirst("grant_type");
            if (grantType != null && !"client_credentials".equals(grantType)) {
                return badRequest("Only grant_type=client_credentials is supported.");
            }

            String clientId = form.getFirst("client_id");
            if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
                return badRequest("client_id is required: 1 to 64 letters, digits, dots, dashes or underscores.");
            }
            List<String> scopes = scopes(form);
            if (!scopes.stream().allMatch(scope -> SCOPE.matcher(scope).matches())) {
                return badRequest("scope must be a space-separated list of scopes such as 'orders:read orders:write'.");
            }

            DevIssuer.IssuedToken token = issuer.issue(clientId, scopes);
            return ServerResponse.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Cache-Control", "no-store")
                    .bodyValue(Map.of(
                            "access_token", token.value(),
                            "token_type", "Bearer",
                            "expires_in", token.expiresInSeconds(),
                            "scope", token.scope()));
        });
    }

    private static List<String> scopes(MultiValueMap<String, String> form) {
        String scope = form.getFirst("scope");
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return Arrays.stream(scope.trim().split("\\s+")).toList();
    }

    private static Mono<ServerResponse> badRequest(String reason) {
        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, reason));
    }
}
