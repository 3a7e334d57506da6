package dev.connections.salesforce;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code salesforce} service: a connection to one Salesforce org, authorized with OAuth 2.0 (web server flow
 * with PKCE, scopes {@code api refresh_token}), whose objects are the org's queryable, replicateable sObjects.
 * See the package documentation for how reads work and what each failure means.
 *
 * <p>Needs the HTTP support of {@code connections-core} ({@code ServiceHttp}) in its context. Found by
 * {@link java.util.ServiceLoader}. Thread-safe: it holds no state; each session holds its connection's settings.
 */
public final class SalesforceConnector implements OAuthConnector {

    /** The service id. */
    public static final String ID = "salesforce";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(ID, "Salesforce", AuthKind.OAUTH2,
            List.of(SettingSpec.optional(SalesforceSettings.LOGIN_HOST, "Login host",
                            "Where users sign in: production (login.salesforce.com), sandbox (test.salesforce.com), "
                                    + "or the https URL of the org's My Domain, e.g. "
                                    + "https://mycompany.my.salesforce.com.", SalesforceSettings.PRODUCTION),
                    SettingSpec.optional(SalesforceSettings.API_VERSION, "API version",
                            "The Salesforce REST API version to call, e.g. " + SalesforceSettings.DEFAULT_API_VERSION
                                    + ".", SalesforceSettings.DEFAULT_API_VERSION),
                    SettingSpec.optional(SalesforceSettings.BULK_THRESHOLD, "Bulk API threshold",
                            "A full refresh of an object with more records than this (after the filter) reads "
                                    + "through Bulk API 2.0 instead of REST query pages.",
                            Long.toString(SalesforceSettings.DEFAULT_BULK_THRESHOLD))),
            Set.of(Capability.INCREMENTAL, Capability.DELETES, Capability.FILTER_PUSHDOWN),
            AccountPolicy.MANY_PER_ACCOUNT);

    /** null: wait through the SDK's sleeper ({@code ServiceHttp.sleeper()}), so that host tests never sleep */
    private final BulkQuery.Pause pause;
    private final SalesforceLimits limits;
    private final SalesforceHosts hosts;

    /**
     * For {@link java.util.ServiceLoader}: Salesforce's own hosts only, and the {@link SalesforceLimits#DEFAULT
     * default limits}.
     */
    public SalesforceConnector() {
        this(null, SalesforceLimits.DEFAULT, SalesforceHosts.SALESFORCE);
    }

    /**
     * A connector whose reads may hold more (or less) of Salesforce's answers than the defaults allow. Register it
     * with {@code Connections.builder().connector(...)}: it replaces the one found on the classpath.
     *
     * @param limits how much of an answer a read may hold; never null
     */
    public static SalesforceConnector withLimits(SalesforceLimits limits) {
        return new SalesforceConnector(null, limits, SalesforceHosts.SALESFORCE);
    }

    /**
     * A connector whose every connection talks to a stand-in for Salesforce instead (a fake such as the one in
     * {@code connections-fakes}, a test server): its OAuth endpoints under {@code base}, and the API at the instance
     * URL its token answers name, which must be {@code base} too. The {@code loginHost} setting is then ignored. This
     * is the host's choice, made in code; no connection setting can point a connector anywhere but Salesforce.
     * Register it with {@code Connections.builder().connector(...)}: it replaces the one found on the classpath.
     *
     * @param base the stand-in's base URL, e.g. {@code http://127.0.0.1:8080}: http or https, no path or query
     * @throws IllegalArgumentException for any other URL
     */
    public static SalesforceConnector standIn(URI base) {
        return new SalesforceConnector(null, SalesforceLimits.DEFAULT, SalesforceHosts.standIn(base));
    }

    /** Like {@link #standIn(URI)}, with the base URL as text. */
    public static SalesforceConnector standIn(String base) {
        return standIn(URI.create(base));
    }

    SalesforceConnector(BulkQuery.Pause pause, SalesforceLimits limits, SalesforceHosts hosts) {
        this.pause = pause;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Checks the settings without calling Salesforce.
     *
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes
     */
    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new SalesforceSession(context, SalesforceSettings.from(context.settings(), hosts), pause, limits);
    }

    /** @return the login host's authorize, token and revoke endpoints; client credentials and revocation as forms */
    @Override
    public OAuthSpec oauth(Map<String, String> settings) {
        String login = hosts.loginUrl(settings.get(SalesforceSettings.LOGIN_HOST));
        return new OAuthSpec(URI.create(login + "/services/oauth2/authorize"),
                URI.create(login + "/services/oauth2/token"), URI.create(login + "/services/oauth2/revoke"),
                List.of("api", "refresh_token"), OAuthSpec.ClientAuthentication.FORM, OAuthSpec.RevocationBody.FORM,
                Map.of());
    }

    /**
     * @return the token response's {@code instance_url} (where the org's API is) and {@code id} (the identity URL,
     *         which names the org: the connection's account)
     * @throws ConnectorException CONFIGURATION when the token response lacks them; AUTHENTICATION when the instance
     *                            URL is not a Salesforce host (nothing is stored: a connection being reauthorized
     *                            keeps what it had)
     */
    @Override
    public Map<String, String> authorizedSettings(Map<String, String> tokenResponse, Map<String, String> callback) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String key : List.of(SalesforceSettings.INSTANCE_URL, SalesforceSettings.IDENTITY_URL)) {
            String value = tokenResponse.get(key);
            if (value == null || value.isBlank()) {
                throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "Salesforce's token response "
                        + "has no " + key + "; authorize the connection again.");
            }
            kept.put(key, value);
        }
        SalesforceSettings.from(kept, hosts);
        return kept;
    }
}
