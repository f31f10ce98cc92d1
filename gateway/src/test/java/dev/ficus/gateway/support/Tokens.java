package dev.ficus.gateway.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** Obtains tokens the way a client does (the token endpoint) and forges the ones a client must never get. */
public final class Tokens {

    private Tokens() {
    }

    /** A token from the gateway's development issuer, as any local client would get it. */
    public static String issue(WebTestClient gateway, String clientId, String... scopes) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", clientId);
        form.add("scope", String.join(" ", scopes));

        Map<?, ?> answer = gateway.post()
                .uri("/dev/token")
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) answer.get("access_token");
    }

    /** A token signed with the gateway's real key but with claims of the test's choosing. */
    public static String forge(JdbcClient gatewayDatabase, Map<String, Object> claims, Instant issuedAt,
            Duration ttl) throws Exception {

        RSAKey key = RSAKey.parse(gatewayDatabase.sql("SELECT jwk FROM gateway.dev_issuer_key WHERE id = 1")
                .query(String.class)
                .single());
        return sign(key, claims, issuedAt, ttl);
    }

    public static String sign(RSAKey key, Map<String, Object> claims, Instant issuedAt, Duration ttl) {
        var builder = JwtClaimsSet.builder()
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(ttl));
        claims.forEach(builder::claim);

        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        var header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, builder.build())).getTokenValue();
    }

    public static Map<String, Object> claims(String issuer, String audience, String clientId, String scope) {
        return Map.of("iss", issuer, "aud", List.of(audience), "client_id", clientId, "sub", clientId,
                "scope", scope);
    }
}
