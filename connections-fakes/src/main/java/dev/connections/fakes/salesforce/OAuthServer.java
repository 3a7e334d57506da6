package dev.connections.fakes.salesforce;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.RecordedRequest;

/**
 * The login host's OAuth 2.0 web server flow: {@code /services/oauth2/authorize} (the user approves at once and is
 * redirected back with a code), {@code /token} (authorization_code with PKCE, refresh_token with optional rotation)
 * and {@code /revoke}. Access tokens carry no lifetime, as in Salesforce: one stops working when the fake expires
 * them. Thread-safe.
 */
final class OAuthServer {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final String clientId;
    private final String clientSecret;
    private final Set<String> redirectUris;
    private final String orgId;
    private final String userId;
    private final Faults faults;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private String baseUrl;

    private record Code(String redirectUri, String challenge, String scope, Instant issued) {
    }

    OAuthServer(Clock clock, String clientId, String clientSecret, Set<String> redirectUris, String orgId,
                String userId, Faults faults) {
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUris = Set.copyOf(redirectUris);
        this.orgId = orgId;
        this.userId = userId;
        this.faults = faults;
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    void resetCounters() {
        tokenRequests.set(0);
    }

    /** @return every authorization code, access token and refresh token issued so far */
    List<String> issued() {
        return List.copyOf(issued);
    }

    /** @return whether this access token is good for API calls */
    boolean valid(String accessToken) {
        return accessToken != null && accessTokens.containsKey(accessToken);
    }

    /** Makes every access token issued so far fail with INVALID_SESSION_ID; refresh tokens keep working. */
    void expireAccessTokens() {
        accessTokens.clear();
    }

    /** @return the token response of an authorization granted without the browser flow */
    Map<String, String> grant() {
        return issue("api refresh_token", null);
    }

    /** @return the reply, or null when no OAuth resource has that path */
    Reply handle(RecordedRequest request, String resource) {
        switch (resource) {
            case "authorize":
                return "GET".equals(request.getMethod()) ? authorize(request) : null;
            case "token":
                return "POST".equals(request.getMethod()) ? token(form(request)) : null;
            case "revoke":
                Map<String, String> params = "POST".equals(request.getMethod()) ? form(request)
                        : query(request);
                return revoke(params.get("token"));
            default:
                return null;
        }
    }

    private Reply authorize(RecordedRequest request) {
        Map<String, String> p = query(request);
        String redirectUri = p.get("redirect_uri");
        if (!clientId.equals(p.get("client_id"))) {
            return Reply.text(400, "text/plain", "error=invalid_client_id: the client id is not of a connected app");
        }
        if (redirectUri == null || !(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))
                || !redirectUris.isEmpty() && !redirectUris.contains(redirectUri)) {
            return Reply.text(400, "text/plain", "error=redirect_uri_mismatch: the redirect_uri is not one of the "
                    + "connected app's callback URLs");
        }
        String state = p.get("state");
        if (!"code".equals(p.get("response_type"))) {
            return Reply.redirect(callback(redirectUri, "error", "unsupported_response_type", state));
        }
        if (faults.takeDeniedAuthorization()) {
            return Reply.redirect(callback(redirectUri, "error", "access_denied", state)
                    + "&error_description=" + encode("end-user denied authorization"));
        }
        String challenge = p.get("code_challenge");
        if (challenge != null && !"S256".equals(p.get("code_challenge_method"))) {
            return Reply.redirect(callback(redirectUri, "error", "invalid_request", state)
                    + "&error_description=" + encode("code_challenge_method must be S256"));
        }
        String code = "aPrx" + random(24);
        issued.add(code);
        codes.put(code, new Code(redirectUri, challenge, p.getOrDefault("scope", "api"), clock.instant()));
        return Reply.redirect(callback(redirectUri, "code", code, state));
    }

    private Reply token(Map<String, String> p) {
        tokenRequests.incrementAndGet();
        if (!clientId.equals(p.get("client_id")) || !clientSecret.equals(p.get("client_secret"))) {
            return Reply.oauthError(400, "invalid_client", "invalid client credentials");
        }
        String grantType = p.getOrDefault("grant_type", "");
        if (grantType.equals("authorization_code")) {
            Code code = codes.remove(p.getOrDefault("code", ""));
            if (code == null || clock.instant().isAfter(code.issued().plus(CODE_LIFETIME))) {
                return Reply.oauthError(400, "invalid_grant", "invalid authorization code");
            }
            if (!code.redirectUri().equals(p.get("redirect_uri"))) {
                return Reply.oauthError(400, "redirect_uri_mismatch", "redirect_uri must match configuration");
            }
            if (code.challenge() != null && !code.challenge().equals(challengeOf(p.get("code_verifier")))) {
                return Reply.oauthError(400, "invalid_grant", "invalid code verifier");
            }
            boolean offline = code.scope().contains("refresh_token");
            return tokenReply(issue(code.scope(), offline ? null : ""));
        }
        if (grantType.equals("refresh_token")) {
            String refresh = p.getOrDefault("refresh_token", "");
            if (faults.invalidGrantOnRefresh() || !refreshTokens.contains(refresh)) {
                return Reply.oauthError(400, "invalid_grant", "expired access/refresh token");
            }
            if (faults.rotateRefreshTokens()) {
                refreshTokens.remove(refresh);
                accessTokens.values().removeIf(refresh::equals);
                return tokenReply(issue("api refresh_token", null));
            }
            return tokenReply(issue("api refresh_token", refresh));
        }
        return Reply.oauthError(400, "unsupported_grant_type", "grant type not supported");
    }

    private Reply revoke(String token) {
        if (token == null || !refreshTokens.remove(token) && accessTokens.remove(token) == null) {
            return Reply.oauthError(400, "unsupported_token_type", "this token type is not supported");
        }
        accessTokens.values().removeIf(token::equals);
        return Reply.empty(200);
    }

    /**
     * Issues an access token with the fields of Salesforce's token response.
     *
     * @param refresh the refresh token it comes from; null to issue a new one (sent in the response); empty for none
     */
    private Map<String, String> issue(String scope, String refresh) {
        String access = orgId + "!AQ" + random(40);
        Map<String, String> response = new LinkedHashMap<>();
        response.put("access_token", access);
        String parent = refresh;
        if (parent == null) {
            parent = "5Aep" + random(40);
            refreshTokens.add(parent);
            issued.add(parent);
            response.put("refresh_token", parent);
        }
        accessTokens.put(access, parent);
        issued.add(access);
        String id = baseUrl + "/id/" + orgId + "/" + userId;
        String issuedAt = Long.toString(clock.millis());
        response.put("signature", signature(id + issuedAt));
        response.put("scope", scope);
        response.put("instance_url", baseUrl);
        response.put("id", id);
        response.put("token_type", "Bearer");
        response.put("issued_at", issuedAt);
        return response;
    }

    private static Reply tokenReply(Map<String, String> tokens) {
        return Reply.json(200, out -> {
            out.beginObject();
            for (Map.Entry<String, String> e : tokens.entrySet()) {
                out.name(e.getKey()).value(e.getValue());
            }
            out.endObject();
        });
    }

    private String signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String challengeOf(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String callback(String redirectUri, String key, String value, String state) {
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + key + "=" + encode(value)
                + (state == null ? "" : "&state=" + encode(state));
    }

    static Map<String, String> form(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value,
                    StandardCharsets.UTF_8));
        }
        return params;
    }

    private static Map<String, String> query(RecordedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : request.getUrl().queryParameterNames()) {
            params.put(name, request.getUrl().queryParameter(name));
        }
        return params;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, bytes);
    }
}
