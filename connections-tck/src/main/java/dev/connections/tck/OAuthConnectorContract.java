package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor.AuthKind;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.OAuthTokens;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of an {@link OAuthConnector} toward its service's tokens: its sessions call the service with the
 * access token of {@code context.oauth()}, through the engine's HTTP support ({@link ServiceHttp}), so that a token
 * the service rejects (HTTP 401) is refreshed once with {@link OAuthTokens#refreshAfterRejection} and the call
 * succeeds; a token the service keeps rejecting, or a refused refresh, ends in {@link ConnectorException}
 * AUTHENTICATION without the token in the message; and its {@link OAuthSpec} is one the engine can run. A connector
 * proves it against a stand-in for its service (a fake such as those of {@code connections-fakes}, a test server) with
 * a small test class in its own module that describes the connector pointed at the stand-in (a
 * {@link ConnectorSubject}, which its other suites share; here the connection's settings as an authorization left
 * them):
 *
 * <pre>{@code
 * class QuickBooksOAuthContractTest extends OAuthConnectorContract {
 *     private final QuickBooksFixture qbo = new QuickBooksFixture();     // a FakeQuickBooks, StandaloneHttp, a clock
 *
 *     protected ConnectorSubject<QuickBooksConnector> subject() { return qbo.subject(); }
 *     protected OAuthConnector realServiceConnector() { return new QuickBooksConnector(); }
 *     protected String issueAccessToken() { return qbo.fake.issueTokens(REALM).accessToken(); }
 *     protected void revokeAccessTokens() { qbo.fake.expireAccessTokens(); }
 *     protected ServiceHttp http(ConnectorContext context) { return qbo.http.forSession(context, POLICY); }
 *     // close the fixture in an @AfterEach
 * }
 * }</pre>
 *
 * <p>The suite gives each session a context from {@link ConnectorSubject#newContext} to which it adds
 * {@link TestTokens} and the HTTP support of {@link #http}, in place of any the subject's contexts have: the TCK cannot
 * make the engine's HTTP support itself (it does not depend on {@code connections-core}), so the subclass hands it
 * over, e.g. from {@code StandaloneHttp}. JUnit makes one instance per test and runs its tests on one thread; the
 * abstract methods may be called several times in a test.
 */
public abstract class OAuthConnectorContract {

    /** A token no service issued. */
    private static final String UNKNOWN_TOKEN = "tck-token-the-service-never-issued";

    /** The parameters of the authorization URL that the engine sets, which a spec's extra parameters must leave. */
    private static final Set<String> FLOW_PARAMETERS = Set.of("response_type", "client_id", "redirect_uri", "state",
            "scope", "code_challenge", "code_challenge_method");

    private final List<Request> sent = RecordingHttp.newLog();

    /**
     * @return the connector under test, pointed at the stand-in, the settings of a connection to the stand-in as an
     *         authorization left them, and how a session's context is made (e.g. with a clock shared with the
     *         stand-in); never null
     */
    protected abstract ConnectorSubject<? extends OAuthConnector> subject();

    /**
     * @return the connector as a host gets it for the real service (the one {@link java.util.ServiceLoader} finds),
     *         whose OAuth endpoints must be https; never null
     */
    protected abstract OAuthConnector realServiceConnector();

    /**
     * Has the stand-in issue an access token for the connection of the subject's settings, as a completed authorization
     * or a refresh does; the stand-in accepts it until {@link #revokeAccessTokens()}.
     *
     * @return the token; never null
     */
    protected abstract String issueAccessToken();

    /** Makes the stand-in reject (HTTP 401) every access token issued so far, as when they expire. */
    protected abstract void revokeAccessTokens();

    /**
     * The engine's HTTP support for one session, e.g. {@code StandaloneHttp.create(sleeper, clock).forSession(context,
     * policy)} with the connector's own policy.
     *
     * @param context the session's context: it gives the tokens and counts the calls
     * @return the support; never null
     */
    protected abstract ServiceHttp http(ConnectorContext context);

    /**
     * Makes one call to the service that needs the token; {@code session.test()} unless overridden. It must call the
     * service every time (no answer kept from an earlier call).
     *
     * @param session a session opened with the suite's tokens and HTTP support
     */
    protected void callService(ConnectorSession session) {
        assertThat(session.test()).isNotNull();
    }

    /**
     * @return the settings of a connection to the real service for {@link #realServiceConnector()}'s
     *         {@code oauth(settings)}; by default none, so that the descriptor's defaults apply
     */
    protected Map<String, String> realServiceSettings() {
        return Map.of();
    }

    // --- tokens

    @Test
    void descriptorSaysTheConnectorAuthorizesWithOAuth2() {
        assertThat(connector().descriptor().authKind()).isEqualTo(AuthKind.OAUTH2);
        assertThat(realServiceConnector().descriptor()).isEqualTo(connector().descriptor());
    }

    @Test
    void aSessionCallsTheServiceWithTheAccessTokenOfItsContext() {
        TestTokens tokens = TestTokens.of(issueAccessToken(), this::issueAccessToken);
        try (ConnectorSession session = open(tokens)) {
            callService(session);
        }
        assertThat(tokens.rejected()).as("tokens the service rejected").isEmpty();
    }

    @Test
    void aSessionSendsItsRequestsThroughTheEnginesHttpSupportWhichAddsTheToken() {
        TestTokens tokens = TestTokens.of(issueAccessToken(), this::issueAccessToken);
        TestConnectorContext context = context(tokens);
        try (ConnectorSession session = connector().open(context)) {
            callService(session);
        }
        assertThat(sent).as("requests sent through ServiceHttp.from(context)").isNotEmpty();
        assertThat(sent).as("requests that carry an Authorization header of their own, so that the HTTP support "
                + "neither adds the context's token nor refreshes it on 401")
                .allSatisfy(r -> assertThat(r.header("Authorization")).as("%s %s", r.method(), r.url()).isNull());
        assertThat(context.apiCalls()).as("API calls the HTTP support counted").isGreaterThanOrEqualTo(sent.size());
    }

    @Test
    void aTokenTheServiceRejectsIsRefreshedOnceAndTheCallSucceeds() {
        TestTokens tokens = TestTokens.of(UNKNOWN_TOKEN, this::issueAccessToken);
        try (ConnectorSession session = open(tokens)) {
            callService(session);
        }
        assertThat(tokens.rejected()).containsExactly(UNKNOWN_TOKEN);
        assertThat(tokens.refreshes()).isEqualTo(1);
    }

    @Test
    void aTokenThatExpiresDuringASessionIsRefreshedOnceAndTheNextCallSucceeds() {
        String first = issueAccessToken();
        TestTokens tokens = TestTokens.of(first, this::issueAccessToken);
        try (ConnectorSession session = open(tokens)) {
            callService(session);
            revokeAccessTokens();
            callService(session);
        }
        assertThat(tokens.rejected()).containsExactly(first);
        assertThat(tokens.refreshes()).isEqualTo(1);
    }

    @Test
    void aTokenTheServiceKeepsRejectingFailsWithAuthenticationAfterOneRefresh() {
        TestTokens tokens = TestTokens.sequence(UNKNOWN_TOKEN);
        ConnectorException e;
        try (ConnectorSession session = open(tokens)) {
            e = catchThrowableOfType(ConnectorException.class, () -> callService(session));
        }
        assertThat(e).as("a call whose refreshed token is rejected too must throw a ConnectorException").isNotNull();
        assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).isNotBlank();
        assertThat(Contracts.messages(e)).doesNotContain(UNKNOWN_TOKEN);
        assertThat(tokens.refreshes()).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshFailsWithAuthentication() {
        TestTokens tokens = TestTokens.of(UNKNOWN_TOKEN, this::issueAccessToken);
        tokens.refuseRefreshes();
        ConnectorException e;
        try (ConnectorSession session = open(tokens)) {
            e = catchThrowableOfType(ConnectorException.class, () -> callService(session));
        }
        assertThat(e).as("a call whose token cannot be refreshed must throw a ConnectorException").isNotNull();
        assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
        assertThat(Contracts.messages(e)).doesNotContain(UNKNOWN_TOKEN);
        assertThat(tokens.rejected()).containsExactly(UNKNOWN_TOKEN);
    }

    // --- the spec

    @Test
    void specEndpointsAreAbsoluteHttpUrlsWithoutCredentials() {
        for (URI endpoint : endpoints(connector().oauth(nonSecretSettings()))) {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            assertThat(scheme).as("scheme of %s", endpoint).isIn("http", "https");
            assertThat(endpoint.getHost()).as("host of %s", endpoint).isNotBlank();
            assertThat(endpoint.getRawUserInfo()).as("user info of %s", endpoint).isNull();
            assertThat(endpoint.getRawFragment()).as("fragment of %s", endpoint).isNull();
        }
    }

    @Test
    void specOfTheRealServiceUsesHttpsOnly() {
        OAuthConnector real = realServiceConnector();
        OAuthSpec spec = real.oauth(Contracts.withDefaults(real.descriptor(), realServiceSettings()));
        for (URI endpoint : endpoints(spec)) {
            assertThat(endpoint.getScheme()).as("scheme of %s", endpoint).isEqualToIgnoringCase("https");
            String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
            assertThat(host).as("host of %s", endpoint).isNotBlank().isNotEqualTo("localhost")
                    .doesNotStartWith("127.").isNotIn("[::1]", "0.0.0.0");
            assertThat(endpoint.getRawUserInfo()).as("user info of %s", endpoint).isNull();
        }
    }

    @Test
    void specIsTheSameOnEveryCall() {
        assertThat(connector().oauth(nonSecretSettings())).isEqualTo(connector().oauth(nonSecretSettings()));
    }

    @Test
    void specScopesAreNotBlankAndUnique() {
        List<String> scopes = connector().oauth(nonSecretSettings()).scopes();
        assertThat(scopes).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).isNotBlank().doesNotContain(" "));
    }

    @Test
    void specExtraParametersLeaveTheParametersOfTheFlowToTheEngine() {
        Map<String, String> extra = connector().oauth(nonSecretSettings()).extraParameters();
        assertThat(extra.keySet()).doesNotContainAnyElementsOf(FLOW_PARAMETERS);
    }

    // --- helpers

    private OAuthConnector connector() {
        return subject().connector();
    }

    private TestConnectorContext context(OAuthTokens tokens) {
        ConnectorSubject<? extends OAuthConnector> subject = subject();
        return subject.newContext(subject.settings()).withOAuth(tokens)
                .withHttp(c -> new RecordingHttp(http(c), sent));
    }

    private ConnectorSession open(OAuthTokens tokens) {
        return connector().open(context(tokens));
    }

    private Map<String, String> nonSecretSettings() {
        Map<String, String> settings = Contracts.withDefaults(connector().descriptor(), subject().settings());
        connector().descriptor().settings().stream().filter(s -> s.secret()).forEach(s -> settings.remove(s.key()));
        return settings;
    }

    private static List<URI> endpoints(OAuthSpec spec) {
        List<URI> endpoints = new ArrayList<>(List.of(spec.authorizationEndpoint(), spec.tokenEndpoint()));
        if (spec.revocationEndpoint() != null) {
            endpoints.add(spec.revocationEndpoint());
        }
        return endpoints;
    }
}
