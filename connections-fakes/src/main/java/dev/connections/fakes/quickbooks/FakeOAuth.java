package dev.connections.fakes.quickbooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake's authorization server: codes, grants with rotating refresh tokens, access tokens. Lifetimes follow
 * QuickBooks: access tokens one hour, refresh tokens about 100 days, and a refresh token that a newer one replaced
 * keeps working for 24 hours, then answers {@code invalid_grant}. Thread-safe (every method synchronized).
 */
final class FakeOAuth {

    static final Duration ACCESS_LIFETIME = Duration.ofHours(1);
    static final Duration REFRESH_LIFETIME = Duration.ofSeconds(8_726_400);
    static final Duration GRACE = Duration.ofHours(24);
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    /** A failure the token endpoint reports as {@code {"error": code}} with HTTP 400 (or 401 for the client). */
    static final class OAuthError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        OAuthError(String code, String description) {
            super(description);
            this.code = code;
        }
    }

    private record Code(String realm, String redirectUri, String challenge, Instant expires) {
    }

    private static final class Grant {
        final String realm;
        String latestRefresh;
        Instant refreshExpires;
        final Map<String, Instant> replaced = new HashMap<>();
        boolean revoked;

        Grant(String realm) {
            this.realm = realm;
        }
    }

    private record Access(Grant grant, Instant expires) {
    }

    /** What a successful token request answers. */
    record Issued(String accessToken, String refreshToken, String realm) {
    }

    private final Clock clock;
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> grantsByRefresh = new HashMap<>();
    private final Map<String, Access> access = new HashMap<>();
    private final Map<String, Grant> latestGrantByRealm = new LinkedHashMap<>();
    private final List<String> issued = new ArrayList<>();

    FakeOAuth(Clock clock) {
        this.clock = clock;
    }

    synchronized String newCode(String realm, String redirectUri, String challenge) {
        String code = "code-" + UUID.randomUUID();
        issued.add(code);
        codes.put(code, new Code(realm, redirectUri, challenge, clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    synchronized Issued exchange(String code, String redirectUri, String verifier) {
        Code c = codes.remove(code);
        if (c == null || clock.instant().isAfter(c.expires())) {
            throw new OAuthError("invalid_grant", "Authorization code is invalid or expired");
        }
        if (!c.redirectUri().equals(redirectUri)) {
            throw new OAuthError("invalid_grant", "redirect_uri does not match the authorization request");
        }
        if (c.challenge() != null && (verifier == null || !c.challenge().equals(s256(verifier)))) {
            throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge");
        }
        return issue(new Grant(c.realm()));
    }

    synchronized Issued refresh(String refreshToken) {
        Grant g = refreshToken == null ? null : grantsByRefresh.get(refreshToken);
        Instant now = clock.instant();
        if (g == null || g.revoked || now.isAfter(g.refreshExpires)) {
            throw new OAuthError("invalid_grant", "Incorrect or invalid refresh token");
        }
        Instant replacedAt = g.replaced.get(refreshToken);
        if (replacedAt != null && now.isAfter(replacedAt.plus(GRACE))) {
            throw new OAuthError("invalid_grant", "Token invalid");
        }
        return issue(g);
    }

    /** Issues tokens on a new grant without the browser flow, as if a user had authorized just now. */
    synchronized Issued grant(String realm) {
        return issue(new Grant(realm));
    }

    /** Revokes the grant an access or refresh token belongs to. */
    synchronized void revoke(String token) {
        Grant g = grantsByRefresh.get(token);
        if (g == null && access.containsKey(token)) {
            g = access.get(token).grant();
        }
        if (g != null) {
            g.revoked = true;
        }
    }

    /** @return null when the token is good for the realm; else why not ("expired", "unknown") */
    synchronized String problem(String accessToken, String realm) {
        Access a = accessToken == null ? null : access.get(accessToken);
        if (a == null || a.grant().revoked || !a.grant().realm.equals(realm)) {
            return "unknown";
        }
        return clock.instant().isBefore(a.expires()) ? null : "expired";
    }

    /** Makes every access token issued so far expired. */
    synchronized void expireAccessTokens() {
        Instant past = clock.instant().minusSeconds(1);
        access.replaceAll((token, a) -> new Access(a.grant(), past));
    }

    synchronized Optional<String> latestRefreshToken(String realm) {
        Grant g = latestGrantByRealm.get(realm);
        return Optional.ofNullable(g == null ? null : g.latestRefresh);
    }

    /** @return every code, access token and refresh token issued so far */
    synchronized List<String> issued() {
        return List.copyOf(issued);
    }

    synchronized long remainingRefreshSeconds(String refreshToken) {
        Grant g = grantsByRefresh.get(refreshToken);
        return g == null ? 0 : Duration.between(clock.instant(), g.refreshExpires).toSeconds();
    }

    private Issued issue(Grant g) {
        Instant now = clock.instant();
        if (g.latestRefresh != null) {
            g.replaced.putIfAbsent(g.latestRefresh, now);
        }
        String refresh = "rt-" + UUID.randomUUID();
        String accessToken = "at-" + UUID.randomUUID();
        issued.add(refresh);
        issued.add(accessToken);
        g.latestRefresh = refresh;
        g.refreshExpires = now.plus(REFRESH_LIFETIME);
        grantsByRefresh.put(refresh, g);
        access.put(accessToken, new Access(g, now.plus(ACCESS_LIFETIME)));
        latestGrantByRealm.put(g.realm, g);
        return new Issued(accessToken, refresh, g.realm);
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
