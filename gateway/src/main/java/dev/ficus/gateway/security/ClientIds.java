package dev.ficus.gateway.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Names the client behind a token: {@code client_id} (Cognito access tokens and the development issuer), else
 * {@code azp}, else the subject. Rate limits and audit entries are keyed by it.
 */
public final class ClientIds {

    private ClientIds() {
    }

    public static Optional<String> of(Object principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        if (principal instanceof Authentication authentication && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Jwt jwt) {
            return Optional.of(of(jwt));
        }
        return Optional.empty();
    }

    public static String of(Jwt jwt) {
        String clientId = jwt.getClaimAsString("client_id");
        if (clientId == null) {
            clientId = jwt.getClaimAsString("azp");
        }
        return clientId != null ? clientId : jwt.getSubject();
    }
}
