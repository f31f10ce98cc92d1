package dev.ficus.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a bearer token must prove. In AWS the issuer is the Cognito user pool
 * ({@code https://cognito-idp.<region>.amazonaws.com/<pool-id>}) and the keys come from its JWK set URL; locally
 * the development issuer signs tokens with these same values.
 *
 * @param issuer the exact {@code iss} a token must carry
 * @param audiences accepted values of the audience claim (a token needs at least one)
 * @param audienceClaim the claim holding the audience: {@code aud}, or {@code client_id} for Cognito access tokens,
 *     which carry no {@code aud}
 * @param jwkSetUri where the issuer publishes its keys; required when the development issuer is off
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between the issuer's clock and ours
 */
@ConfigurationProperties("ficus.security")
public record TokenProperties(
        @DefaultValue("urn:ficus:dev-issuer") String issuer,
        @DefaultValue("ficus-api") List<String> audiences,
        @DefaultValue("aud") String audienceClaim,
        @Nullable URI jwkSetUri,
        @DefaultValue("30s") Duration clockSkew) {
}
