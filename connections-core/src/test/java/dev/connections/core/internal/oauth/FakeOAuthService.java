package dev.connections.core.internal.oauth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.connections.spi.OAuthSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

/**
 * A fake OAuth 2.0 service on a real HTTP server: the user's consent ({@link #approve}), the token endpoint (codes
 * with PKCE S256, refresh tokens that may rotate), the revocation endpoint, and a small API that wants a bearer token.
 * All state is in memory; faults are switched by the test. Thread-safe.
 */
final class FakeOAuthService extends Dispatcher implements AutoCloseable {

    static final String CLIENT_ID = "client-7f3e";
    static final String CLIENT_SECRET = "cs-9d2b-client-secret-value";

    private static final Moshi MOSHI = new Moshi.Builder().build();
    private static final JsonAdapter<Object> JSON = MOSHI.adapter(Object.class);
    private static final JsonAdapter<Map<String, Object>> OBJECT =
            MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

    private record Code(String challenge, String redirectUri, String account) {
    }

    final MockWebServer server = new MockWebServer();
    final OAuthSpec.ClientAuthentication clientAuthentication;
    final OAuthSpec.RevocationBody revocation;

    /** Whether each refresh issues a new refresh token and invalidates the old one (QuickBooks). */
    volatile boolean rotateRefreshTokens;
    /** The lifetime the token endpoint announces; null for none (Salesforce). */
    volatile Integer expiresIn;
    /** When set, a refresh is answered only once it opens (or after 10 seconds). */
    volatile CountDownLatch refreshGate;
    /** Called with the bearer token of every API request the fake accepts. */
    volatile Consumer<String> onAcceptedToken = token -> { };
    /** Status the revocation endpoint answers. */
    volatile int revocationStatus = 200;

    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger refreshRequests = new AtomicInteger();
    final AtomicInteger rejectedTokens = new AtomicInteger();
    final AtomicInteger apiRequests = new AtomicInteger();
    final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();
    final List<String> issuedRefreshTokens = new CopyOnWriteArrayList<>();
    final List<String> issuedCodes = new CopyOnWriteArrayList<>();
    final List<String> revoked = new CopyOnWriteArrayList<>();
    /**
     * When set, the token endpoint acts on the next request (a refresh token rotates) but its answer is lost: the
     * connection closes before the answer starts.
     */
    final AtomicBoolean loseNextTokenAnswer = new AtomicBoolean();
    /** Responses the token endpoint gives, in order, before answering normally. */
    final Deque<MockResponse> tokenFaults = new ConcurrentLinkedDeque<>();
    /** Responses the API gives, in order, before answering normally. */
    final Deque<MockResponse> apiFaults = new ConcurrentLinkedDeque<>();
    /** Records of each object, as JSON objects. */
    final Map<String, List<Map<String, Object>>> records = new ConcurrentHashMap<>();

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

    FakeOAuthService(OAuthSpec.ClientAuthentication clientAuthentication, OAuthSpec.RevocationBody revocation) {
        this.clientAuthentication = clientAuthentication;
        this.revocation = revocation;
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Map<String, Object>> orders = new ArrayList<>();
        orders.add(Map.of("id", "o1", "customer", "Ann"));
        orders.add(Map.of("id", "o2", "customer", "Bob"));
        records.put("orders", orders);
    }

    URI base() {
        return server.url("/").uri();
    }

    /** The user signs in to {@code account} and allows access: @return the query parameters of the redirect back */
    Map<String, String> approve(URI authorizationUrl, String account) {
        HttpUrl url = HttpUrl.get(authorizationUrl);
        if (!CLIENT_ID.equals(url.queryParameter("client_id")) || !"code".equals(url.queryParameter("response_type"))
                || !"S256".equals(url.queryParameter("code_challenge_method"))) {
            throw new IllegalArgumentException("not an authorization URL this service accepts: " + url);
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Code(url.queryParameter("code_challenge"), url.queryParameter("redirect_uri"), account));
        issuedCodes.add(code);
        Map<String, String> callback = new LinkedHashMap<>();
        callback.put("code", code);
        callback.put("state", url.queryParameter("state"));
        callback.put("account", account);
        return callback;
    }

    /** The user refuses: @return the query parameters of the redirect back */
    Map<String, String> deny(URI authorizationUrl) {
        return Map.of("error", "access_denied", "error_description", "The user denied access",
                "state", HttpUrl.get(authorizationUrl).queryParameter("state"));
    }

    /** Every access token issued so far stops working, as when they expire at the service. */
    void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Every refresh token stops working, as when the user revokes the app. */
    void invalidateRefreshTokens() {
        refreshTokens.clear();
    }

    String latestRefreshToken() {
        return issuedRefreshTokens.get(issuedRefreshTokens.size() - 1);
    }

    String latestAccessToken() {
        return issuedAccessTokens.get(issuedAccessTokens.size() - 1);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        if (path.equals("/oauth/token") && "POST".equals(request.getMethod())) {
            return token(request);
        }
        if (path.equals("/oauth/revoke") && "POST".equals(request.getMethod())) {
            return revoke(request);
        }
        if (path.startsWith("/api/")) {
            return api(request, path.substring("/api/".length()));
        }
        return json(404, Map.of("error", "not_found"));
    }

    private MockResponse token(RecordedRequest request) throws InterruptedException {
        tokenRequests.incrementAndGet();
        MockResponse fault = tokenFaults.poll();
        if (fault != null) {
            return fault;
        }
        MockResponse answer = answerToken(request);
        return loseNextTokenAnswer.getAndSet(false)
                ? answer.newBuilder().onResponseStart(new SocketEffect.CloseSocket()).build() : answer;
    }

    private MockResponse answerToken(RecordedRequest request) throws InterruptedException {
        Map<String, String> form = form(request);
        if (!clientAuthenticated(request, form)) {
            return json(401, Map.of("error", "invalid_client"));
        }
        String grant = form.get("grant_type");
        if ("authorization_code".equals(grant)) {
            Code code = codes.remove(form.getOrDefault("code", ""));
            if (code == null || !code.redirectUri().equals(form.get("redirect_uri"))
                    || form.get("code_verifier") == null
                    || !s256(form.get("code_verifier")).equals(code.challenge())) {
                return json(400, Map.of("error", "invalid_grant", "error_description", "authorization code invalid"));
            }
            return issue(code.account(), newRefreshToken(code.account()));
        }
        if ("refresh_token".equals(grant)) {
            refreshRequests.incrementAndGet();
            CountDownLatch gate = refreshGate;
            if (gate != null) {
                gate.await(10, TimeUnit.SECONDS);
            }
            String old = form.getOrDefault("refresh_token", "");
            String account = refreshTokens.get(old);
            if (account == null) {
                return json(400, Map.of("error", "invalid_grant", "error_description", "expired access/refresh token"));
            }
            if (rotateRefreshTokens) {
                refreshTokens.remove(old);
                return issue(account, newRefreshToken(account));
            }
            return issue(account, null);
        }
        return json(400, Map.of("error", "unsupported_grant_type"));
    }

    private MockResponse issue(String account, String refreshToken) {
        String access = "at-" + UUID.randomUUID();
        accessTokens.put(access, account);
        issuedAccessTokens.add(access);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "bearer");
        body.put("api_url", base().toString());
        body.put("scope", "read offline");
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        if (expiresIn != null) {
            body.put("expires_in", expiresIn);
        }
        return json(200, body);
    }

    private String newRefreshToken(String account) {
        String refresh = "rt-" + UUID.randomUUID();
        refreshTokens.put(refresh, account);
        issuedRefreshTokens.add(refresh);
        return refresh;
    }

    private MockResponse revoke(RecordedRequest request) {
        String token;
        if (revocation == OAuthSpec.RevocationBody.JSON) {
            try {
                token = (String) OBJECT.fromJson(request.getBody().utf8()).get("token");
            } catch (IOException e) {
                return json(400, Map.of("error", "invalid_request"));
            }
            if (clientAuthentication == OAuthSpec.ClientAuthentication.BASIC && !basicAuthenticated(request)) {
                return json(401, Map.of("error", "invalid_client"));
            }
        } else {
            Map<String, String> form = form(request);
            if (!clientAuthenticated(request, form)) {
                return json(401, Map.of("error", "invalid_client"));
            }
            token = form.get("token");
        }
        if (revocationStatus != 200) {
            return json(revocationStatus, Map.of("error", "server_error"));
        }
        refreshTokens.remove(token);
        accessTokens.remove(token);
        revoked.add(token);
        return new MockResponse.Builder().code(200).build();
    }

    private MockResponse api(RecordedRequest request, String resource) {
        apiRequests.incrementAndGet();
        MockResponse fault = apiFaults.poll();
        if (fault != null) {
            return fault;
        }
        String authorization = request.getHeaders().get("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : "";
        String account = accessTokens.get(token);
        if (account == null) {
            rejectedTokens.incrementAndGet();
            return json(401, Map.of("error", "invalid_token"));
        }
        onAcceptedToken.accept(token);
        if (resource.equals("me")) {
            return json(200, Map.of("id", account, "name", "Company " + account));
        }
        if (resource.startsWith("records/")) {
            List<Map<String, Object>> rows = records.get(resource.substring("records/".length()));
            return rows == null ? json(404, Map.of("error", "no such object")) : json(200, rows);
        }
        return json(404, Map.of("error", "not_found"));
    }

    private boolean clientAuthenticated(RecordedRequest request, Map<String, String> form) {
        if (clientAuthentication == OAuthSpec.ClientAuthentication.BASIC) {
            return basicAuthenticated(request) && !form.containsKey("client_secret");
        }
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    private static boolean basicAuthenticated(RecordedRequest request) {
        return Credentials.basic(CLIENT_ID, CLIENT_SECRET, StandardCharsets.UTF_8)
                .equals(request.getHeaders().get("Authorization"));
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** RFC 7636: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))), without padding. */
    private static String s256(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(JSON.toJson(body)).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
