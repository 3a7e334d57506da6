package dev.connections.quickbooks;

import dev.connections.http.HttpPolicyProvider;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorDescriptor.AccountPolicy;
import dev.connections.spi.ConnectorDescriptor.AuthKind;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.SettingSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code quickbooks} service: QuickBooks Online companies through the Accounting API v3. A connection authorizes
 * with OAuth 2.0 and reaches one company, whose realm id (from the authorization's redirect) is its account; QuickBooks
 * allows one active connection per company, so a newer connection supersedes the older ones
 * ({@link AccountPolicy#ONE_ACTIVE_PER_ACCOUNT}).
 *
 * <p>Requests go through the engine's HTTP support with this connector's {@link #httpPolicy()}: 10 requests in flight
 * per connection, 60 seconds after a 429 that names no wait, and {@code intuit_tid} in every log line of a failed
 * answer. Found by {@link java.util.ServiceLoader}. Thread-safe:
 * the change data capture answers shared by a connection's tables ({@link ChangeFeed}) and the per-company limit of
 * concurrent requests live here, everything else in the sessions.
 *
 * <p>Where requests go is the host's choice, never a connection's: the connector found by ServiceLoader talks to
 * Intuit only (the {@code environment} setting picks production or sandbox), and a host that runs against a stand-in
 * (the fake of {@code connections-fakes}, a test server) registers {@link #standIn(URI)} in code.
 */
public final class QuickBooksConnector implements OAuthConnector, HttpPolicyProvider {

    /** The service id. */
    public static final String ID = "quickbooks";

    /** The OAuth scope of the Accounting API. */
    public static final String SCOPE = "com.intuit.quickbooks.accounting";

    /** The header of every QuickBooks answer that Intuit support asks for. */
    static final String INTUIT_TID = "intuit_tid";

    static final ServiceHttp.Policy POLICY = new ServiceHttp.Policy(CompanyLimits.CONCURRENT_PER_COMPANY, 5,
            Duration.ofMinutes(5), Faults.DEFAULT_RETRY_AFTER, List.of(INTUIT_TID));

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(ID, "QuickBooks Online",
            AuthKind.OAUTH2,
            List.of(SettingSpec.optional(QuickBooksSettings.ENVIRONMENT, "Environment",
                            "production (QuickBooks Online companies) or sandbox (Intuit developer sandbox "
                                    + "companies); nothing else. A stand-in for tests is chosen by the host in code, "
                                    + "not by a connection.", QuickBooksSettings.PRODUCTION),
                    SettingSpec.optional(QuickBooksSettings.MINOR_VERSION, "API minor version",
                            "The minorversion of the Accounting API every request asks for.",
                            QuickBooksSettings.DEFAULT_MINOR_VERSION),
                    SettingSpec.optional(QuickBooksSettings.REALM_ID, "Company (realm id)",
                            "The QuickBooks company the connection reaches. Set by the authorization: QuickBooks "
                                    + "sends it back with the user's consent.", null)),
            Set.of(Capability.INCREMENTAL, Capability.DELETES, Capability.FILTER_PUSHDOWN),
            AccountPolicy.ONE_ACTIVE_PER_ACCOUNT);

    /**
     * The most bytes of one answer (a query page of up to 1000 records, a change data capture answer of up to 1000
     * objects, which is held whole), counted after gzip decoding: a real page of the largest entities is a few MiB.
     */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 64L << 20;

    private final Catalog catalog = Catalog.load();
    private final ChangeFeeds feeds = new ChangeFeeds();
    private final CompanyLimits limits = new CompanyLimits();
    private final long maxAnswerBytes;
    /** The stand-in's base URL without a trailing slash, or null for Intuit. */
    private final String standIn;

    /**
     * For {@link java.util.ServiceLoader}: Intuit's endpoints only, answers of at most
     * {@link #DEFAULT_MAX_ANSWER_BYTES}.
     */
    public QuickBooksConnector() {
        this(DEFAULT_MAX_ANSWER_BYTES, null);
    }

    /**
     * @param maxAnswerBytes the most bytes of one answer, after gzip decoding; positive
     * @param standIn        the base URL every connection talks to instead of Intuit (see {@link #standIn(URI)}), or
     *                       null for Intuit
     * @throws IllegalArgumentException for a limit below 1 or a stand-in that is not a server's base URL
     */
    QuickBooksConnector(long maxAnswerBytes, URI standIn) {
        if (maxAnswerBytes < 1) {
            throw new IllegalArgumentException("the answer limit must be positive, not " + maxAnswerBytes);
        }
        this.maxAnswerBytes = maxAnswerBytes;
        this.standIn = standIn == null ? null : QuickBooksSettings.standInBase(standIn);
    }

    /**
     * A connector whose reads may hold larger (or only smaller) answers than {@link #DEFAULT_MAX_ANSWER_BYTES}.
     * Register it with {@code Connections.builder().connector(...)}: it replaces the one found on the classpath. No
     * connection setting changes the limit. Like the connector found on the classpath, it talks to Intuit only.
     *
     * @param maxAnswerBytes the most bytes of one answer, after gzip decoding; positive
     */
    public static QuickBooksConnector withMaxAnswerBytes(long maxAnswerBytes) {
        return new QuickBooksConnector(maxAnswerBytes, null);
    }

    /**
     * A connector whose every connection talks to a QuickBooks stand-in (the fake of {@code connections-fakes}, a
     * test server) instead of Intuit: the authorization at {@code base/connect/oauth2}, the token endpoint at
     * {@code base/oauth2/v1/tokens/bearer}, revocation at {@code base/v2/oauth2/tokens/revoke} and the API at
     * {@code base/v3/company/...}. The host chooses this in code and registers it with
     * {@code Connections.builder().connector(QuickBooksConnector.standIn(base))}, where it replaces the connector
     * found on the classpath; the host's client secret then goes to {@code base}. A connection's {@code environment}
     * setting does not change where requests go: production and sandbox are accepted and make no difference, other
     * values are refused as they are by Intuit's connector. Answers are read up to {@link #DEFAULT_MAX_ANSWER_BYTES}.
     *
     * @param base the stand-in's root, e.g. {@code http://127.0.0.1:8080}: an absolute http or https URL with a host
     *             and no user info, path (but {@code /}), query or fragment
     * @return a new connector, with its own change data capture answers and per-company request limits
     * @throws IllegalArgumentException when {@code base} is not such a URL
     * @throws NullPointerException     when {@code base} is null
     */
    public static QuickBooksConnector standIn(URI base) {
        return new QuickBooksConnector(DEFAULT_MAX_ANSWER_BYTES, Objects.requireNonNull(base, "base"));
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * @throws ConnectorException CONFIGURATION for an environment other than production and sandbox, or a minor
     *                            version that is not a number
     */
    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new QuickBooksSession(context, QuickBooksSettings.from(context.settings(), standIn), catalog, feeds,
                limits, maxAnswerBytes);
    }

    /**
     * Intuit's endpoints for production and sandbox, or the stand-in's for a connector made by
     * {@link #standIn(URI)}: HTTP Basic client authentication, revocation with a JSON body, the accounting scope.
     *
     * @throws ConnectorException CONFIGURATION for an environment other than production and sandbox
     */
    @Override
    public OAuthSpec oauth(Map<String, String> settings) {
        QuickBooksSettings s = QuickBooksSettings.from(settings, standIn);
        return new OAuthSpec(s.authorization(), s.token(), s.revocation(), List.of(SCOPE),
                OAuthSpec.ClientAuthentication.BASIC, OAuthSpec.RevocationBody.JSON, Map.of());
    }

    /**
     * Keeps the {@code realmId} of the redirect back: the company the user chose, the connection's account.
     *
     * @throws ConnectorException CONFIGURATION when the redirect carries none, or one that is not digits
     */
    @Override
    public Map<String, String> authorizedSettings(Map<String, String> tokenResponse, Map<String, String> callback) {
        String realm = callback.get(QuickBooksSettings.REALM_ID);
        if (realm == null || realm.isBlank()) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "QuickBooks sent no company (realmId) "
                    + "back with the authorization; authorize again and pick a company.");
        }
        return Map.of(QuickBooksSettings.REALM_ID, QuickBooksSettings.realm(realm, "QuickBooks sent back a company "
                + "id (realmId) that is not one"));
    }

    /**
     * 10 concurrent requests per connection (QuickBooks's limit per company), 60 s after a 429 without a wait, and
     * {@code intuit_tid} as the correlation header: the engine logs it with every answer that is not a success
     * (a 401 it refreshes after, a 429 it retries) and quotes it in the token endpoint's refusals.
     */
    @Override
    public ServiceHttp.Policy httpPolicy() {
        return POLICY;
    }
}
