package dev.ficus.gateway.security;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs tokens for local development, shaped like Cognito access tokens ({@code client_id}, space-separated
 * {@code scope}) plus an {@code aud}. Its RSA key is created once and kept in PostgreSQL, so every replica and
 * every restart accepts the same tokens.
 */
public class DevIssuer {

    private final RSAKey key;

    private final NimbusJwtEncoder encoder;

    private final TokenProperties token;

    private final DevIssuerProperties properties;

    DevIssuer(JdbcClient jdbc, TokenProperties token, DevIssuerProperties properties) {
        this.key = loadOrCreateKey(jdbc);
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.token = token;
        this.properties = properties;
    }

    /** Issues a token for a client with the given scopes and the configured lifetime. */
    public IssuedToken issue(String clientId, Collection<String> scopes) {
        return issue(clientId, scopes, Instant.now(), properties.tokenTtl());
    }

    /** Issues a token valid from {@code issuedAt} for {@code ttl}; tests use it to make expired tokens. */
    public IssuedToken issue(String clientId, Collection<String> scopes, Instant issuedAt, Duration ttl) {
        String scope = String.join(" ", scopes);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(token.issuer())
                .subject(clientId)
                .audience(List.of(token.audiences().getFirst()))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(ttl))
                .id(UUID.randomUUID().toString())
                .claim("client_id", clientId)
                .claim("scope", scope)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(key.getKeyID())
                .build();

        String value = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedToken(value, ttl.toSeconds(), scope);
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        }
        catch (JOSEException failure) {
            throw new IllegalStateException("The development issuer key has no RSA public key", failure);
        }
    }

    public Map<String, Object> publicJwkSet() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    private static RSAKey loadOrCreateKey(JdbcClient jdbc) {
        try {
            RSAKey candidate = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();

            // The first replica to get here wins; the others read its key.
            jdbc.sql("INSERT INTO gateway.dev_issuer_key (id, jwk) VALUES (1, :jwk) ON CONFLICT (id) DO NOTHING")
                    .param("jwk", candidate.toJSONString())
                    .update();
            String stored = jdbc.sql("SELECT jwk FROM gateway.dev_issuer_key WHERE id = 1")
                    .query(String.class)
                    .single();
            return RSAKey.parse(stored);
        }
        catch (JOSEException | ParseException failure) {
            throw new IllegalStateException("Cannot create or read the development issuer key", failure);
        }
    }

    /** A signed token as the token endpoint returns it. */
    public record IssuedToken(String value, long expiresInSeconds, String scope) {
    }
}
