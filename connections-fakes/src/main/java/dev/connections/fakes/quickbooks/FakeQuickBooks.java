package dev.connections.fakes.quickbooks;

import dev.connections.fakes.NoDelayServerSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;

/**
 * A fake QuickBooks Online: a real HTTP server (MockWebServer) that speaks the Accounting API v3 and Intuit's OAuth 2.0
 * over companies kept in memory. One server plays all three Intuit hosts:
 * <ul>
 *   <li>{@code GET /connect/oauth2} (authorization: redirects back with {@code code}, {@code state} and
 *       {@code realmId} of the company the user "signed in" to, see {@link #signIn}),</li>
 *   <li>{@code POST /oauth2/v1/tokens/bearer} (HTTP Basic client authentication; rotating refresh tokens; a replaced
 *       refresh token works for 24 hours more, then answers 400 {@code invalid_grant}),</li>
 *   <li>{@code POST /v2/oauth2/tokens/revoke} (JSON body {@code {"token": ...}}),</li>
 *   <li>{@code /v3/company/{realmId}/companyinfo/{realmId}}, {@code /query} and {@code /cdc}.</li>
 * </ul>
 * A host points the connector at it in code, never through a connection's settings:
 * {@code Connections.builder().connector(QuickBooksConnector.standIn(URI.create(fake.baseUrl())))}. Faults can be
 * switched on: expired access tokens (401, fault code 3200), a user who is not a company administrator (403, code
 * 3100, see {@link FakeCompany#administrator}), throttling (429 with an XML body) and server errors (500). It counts
 * API requests in flight and their maximum, and token requests. The clock drives timestamps and token lifetimes.
 *
 * <pre>{@code
 * try (FakeQuickBooks qbo = FakeQuickBooks.start()) {
 *     FakeCompany company = qbo.addCompany("9130", "Sandbox Company");
 *     company.insert("Customer", Map.of("DisplayName", "Amy's Bird Sanctuary"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe; closing stops the server.
 */
public final class FakeQuickBooks implements AutoCloseable {

    private static final String CLIENT_ID = "fake-quickbooks-client";
    private static final String CLIENT_SECRET = "fake-quickbooks-secret";

    private final MockWebServer server = new MockWebServer();
    private final Clock clock;
    private final FakeOAuth oauth;
    private final Map<String, FakeCompany> companies = new LinkedHashMap<>();
    private final AtomicReference<String> signedIn = new AtomicReference<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger apiRequests = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger throttleNext = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final Map<String, Integer> throttledTargets = new HashMap<>();
    volatile int throttleEach;
    final List<String> queries = new ArrayList<>();
    final List<String> changeRequests = new ArrayList<>();
    private final Map<Integer, List<String>> tidsByStatus = new HashMap<>();
    volatile Duration latency = Duration.ZERO;

    private FakeQuickBooks(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.oauth = new FakeOAuth(clock);
    }

    /** Starts a fake on a free local port, on the system clock. */
    public static FakeQuickBooks start() {
        return start(Clock.systemUTC());
    }

    /**
     * Starts a fake on a free local port.
     *
     * @param clock the time of LastUpdatedTime stamps, the {@code time} of answers, token lifetimes and the
     *              change data capture window
     */
    public static FakeQuickBooks start(Clock clock) {
        FakeQuickBooks fake = new FakeQuickBooks(clock);
        fake.server.setDispatcher(new QuickBooksDispatcher(fake, fake.oauth, new Answers(clock)));
        fake.server.setServerSocketFactory(new NoDelayServerSockets());
        try {
            fake.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake QuickBooks server could not start", e);
        }
        return fake;
    }

    /** @return the server's root, e.g. {@code http://127.0.0.1:53411}, for {@code QuickBooksConnector.standIn} */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public URI authorizationEndpoint() {
        return URI.create(baseUrl() + "/connect/oauth2");
    }

    public URI tokenEndpoint() {
        return URI.create(baseUrl() + "/oauth2/v1/tokens/bearer");
    }

    public URI revocationEndpoint() {
        return URI.create(baseUrl() + "/v2/oauth2/tokens/revoke");
    }

    /** @return the client id of the one app the fake knows */
    public String clientId() {
        return CLIENT_ID;
    }

    /** @return the client secret of that app */
    public String clientSecret() {
        return CLIENT_SECRET;
    }

    /** Adds a company; the first one added is the one authorizations grant until {@link #signIn} says otherwise. */
    public synchronized FakeCompany addCompany(String realmId, String name) {
        if (companies.containsKey(realmId)) {
            throw new IllegalArgumentException("the fake already has company " + realmId);
        }
        FakeCompany company = new FakeCompany(realmId, name, clock);
        companies.put(realmId, company);
        signedIn.compareAndSet(null, realmId);
        return company;
    }

    /** @return the company, if the fake has it */
    public synchronized Optional<FakeCompany> company(String realmId) {
        return Optional.ofNullable(companies.get(realmId));
    }

    /** Chooses the company the next authorizations grant, as if the user had picked it on Intuit's consent page. */
    public void signIn(String realmId) {
        company(realmId).orElseThrow(() -> new IllegalArgumentException("the fake has no company " + realmId));
        signedIn.set(realmId);
    }

    String signedIn() {
        return signedIn.get();
    }

    /**
     * Issues tokens for a company as if its administrator had just authorized, without the browser flow.
     *
     * @return the access and refresh token
     */
    public Tokens issueTokens(String realmId) {
        company(realmId).orElseThrow(() -> new IllegalArgumentException("the fake has no company " + realmId));
        FakeOAuth.Issued issued = oauth.grant(realmId);
        return new Tokens(issued.accessToken(), issued.refreshToken());
    }

    /**
     * A pair of tokens. Its {@code toString()} does not show them.
     *
     * @param accessToken  good for one hour of the fake's clock
     * @param refreshToken good until a newer one has been issued for 24 hours
     */
    public record Tokens(String accessToken, String refreshToken) {
        @Override
        public String toString() {
            return "Tokens[redacted]";
        }
    }

    /** @return the refresh token most recently issued for a company, if any */
    public Optional<String> latestRefreshToken(String realmId) {
        return oauth.latestRefreshToken(realmId);
    }

    /**
     * @return every secret the fake handed out or holds: authorization codes, access and refresh tokens, and the
     *         client secret; for tests that prove none of them is logged or shown
     */
    public List<String> issuedSecrets() {
        List<String> secrets = new ArrayList<>(oauth.issued());
        secrets.add(CLIENT_SECRET);
        return secrets;
    }

    /** Makes every access token issued so far expired: the next API call with one answers 401 (fault code 3200). */
    public void expireAccessTokens() {
        oauth.expireAccessTokens();
    }

    /** The next {@code requests} API requests answer 429 ThrottleExceeded with an XML body and no Retry-After. */
    public void throttleNext(int requests) {
        throttleNext.set(requests);
    }

    /**
     * A throttling storm: from now on every distinct API request (method and URL) answers 429 (XML body, no
     * Retry-After) its first {@code times} times, and goes through after that. Zero ends the storm.
     */
    public void throttleEveryRequest(int times) {
        synchronized (throttledTargets) {
            throttledTargets.clear();
            throttleEach = times;
        }
    }

    /** @return the 429 answers given so far */
    public int throttledRequests() {
        return throttled.get();
    }

    /** The next {@code requests} API requests answer 500 with a SystemFault. */
    public void failNext(int requests) {
        failNext.set(requests);
    }

    /** How long each API request takes in the server; zero by default. */
    public void latency(Duration value) {
        latency = Objects.requireNonNull(value, "latency");
    }

    /** @return API requests being answered right now */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return the most API requests ever in flight at once since the start or the last {@link #resetCounters} */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** @return API requests received (company info, query, cdc), faults included */
    public int apiRequests() {
        return apiRequests.get();
    }

    /** @return requests to the token endpoint, whatever their grant type and outcome */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** @return the query texts received by {@code /query}, decoded, in order */
    public List<String> queries() {
        synchronized (queries) {
            return List.copyOf(queries);
        }
    }

    /** @return the change data capture requests received, as {@code entities=...&changedSince=...}, decoded */
    public List<String> changeRequests() {
        synchronized (changeRequests) {
            return List.copyOf(changeRequests);
        }
    }

    /**
     * @return the {@code intuit_tid} of every answer with this status (API, token and revocation endpoints alike), in
     *         the order they were given, for tests that look for them in logs and messages
     */
    public List<String> intuitTids(int status) {
        synchronized (tidsByStatus) {
            return List.copyOf(tidsByStatus.getOrDefault(status, List.of()));
        }
    }

    void answered(int status, String intuitTid) {
        if (intuitTid != null) {
            synchronized (tidsByStatus) {
                tidsByStatus.computeIfAbsent(status, s -> new ArrayList<>()).add(intuitTid);
            }
        }
    }

    /** Sets every counter and the logs of queries and change requests back to zero. */
    public void resetCounters() {
        maxInFlight.set(inFlight.get());
        apiRequests.set(0);
        tokenRequests.set(0);
        throttled.set(0);
        synchronized (queries) {
            queries.clear();
        }
        synchronized (changeRequests) {
            changeRequests.clear();
        }
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FakeQuickBooks[" + baseUrl() + "]";
    }
}
