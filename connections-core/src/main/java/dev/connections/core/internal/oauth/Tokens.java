package dev.connections.core.internal.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens of one connection as the engine keeps them among the connection's encrypted secrets.
 *
 * @param access    the access token; null when the connection has none
 * @param refresh   the refresh token; null when the service gave none
 * @param expiresAt when the access token runs out; null when the service did not say
 */
record Tokens(String access, String refresh, Instant expiresAt) {

    static final String ACCESS = OAuthSupport.SECRET_PREFIX + "access_token";
    static final String REFRESH = OAuthSupport.SECRET_PREFIX + "refresh_token";
    static final String EXPIRES_AT = OAuthSupport.SECRET_PREFIX + "expires_at";

    static Tokens fromSecrets(Map<String, String> secrets) {
        String expires = secrets.get(EXPIRES_AT);
        return new Tokens(secrets.get(ACCESS), secrets.get(REFRESH), expires == null ? null : Instant.parse(expires));
    }

    Map<String, String> toSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (access != null) {
            secrets.put(ACCESS, access);
        }
        if (refresh != null) {
            secrets.put(REFRESH, refresh);
        }
        if (expiresAt != null) {
            secrets.put(EXPIRES_AT, expiresAt.toString());
        }
        return secrets;
    }

    /** @return whether the access token is missing or runs out within {@code early} of {@code now} */
    boolean expiring(Instant now, Duration early) {
        return access == null || expiresAt != null && !now.plus(early).isBefore(expiresAt);
    }

    /** Shows which tokens there are, never their values. */
    @Override
    public String toString() {
        return "Tokens[access=" + (access != null) + ", refresh=" + (refresh != null) + ", expiresAt=" + expiresAt
                + "]";
    }
}
