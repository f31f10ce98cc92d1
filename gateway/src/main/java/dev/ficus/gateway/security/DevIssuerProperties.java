package dev.ficus.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local development issuer. It is on by default so the stack runs with no cloud account, and must be off in
 * AWS ({@code FICUS_DEV_ISSUER_ENABLED=false}), where Cognito issues the tokens: it grants any scope it is asked for.
 *
 * @param enabled whether {@code POST /dev/token} and {@code GET /.well-known/jwks.json} are served and tokens are
 *     checked against its key
 * @param tokenTtl how long an issued token lives
 */
@ConfigurationProperties("ficus.dev-issuer")
public record DevIssuerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration tokenTtl) {
}
