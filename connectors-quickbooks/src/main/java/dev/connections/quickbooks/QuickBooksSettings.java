package dev.connections.quickbooks;

import dev.connections.spi.ConnectorException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of a QuickBooks connection, checked.
 *
 * <p>{@code environment} is {@code production} or {@code sandbox}, Intuit's two environments, and nothing else: the
 * token and revocation endpoints receive the host's client secret, and the API the connection's tokens, so a
 * connection's settings (a principal's choice) must not be able to send them anywhere but to Intuit. A QuickBooks
 * stand-in (the fake of {@code connections-fakes}, a test server) is the host's choice, made in code with
 * {@link QuickBooksConnector#standIn}: its base URL then serves the API and the OAuth endpoints under Intuit's paths
 * ({@code /connect/oauth2}, {@code /oauth2/v1/tokens/bearer}, {@code /v2/oauth2/tokens/revoke}), whichever of the two
 * environments the connection names.
 *
 * @param apiBase       e.g. {@code https://quickbooks.api.intuit.com}, without a trailing slash
 * @param authorization the authorization endpoint
 * @param token         the token endpoint
 * @param revocation    the revocation endpoint
 * @param minorVersion  the {@code minorversion} parameter of every call
 * @param realmId       the company, from the authorization (digits only); null before it
 */
record QuickBooksSettings(String apiBase, URI authorization, URI token, URI revocation, String minorVersion,
                          String realmId) {

    static final String ENVIRONMENT = "environment";
    static final String MINOR_VERSION = "minorVersion";
    static final String REALM_ID = "realmId";
    static final String PRODUCTION = "production";
    static final String SANDBOX = "sandbox";
    static final String DEFAULT_MINOR_VERSION = "75";
    /** The longest company id accepted; QuickBooks's have 15 to 19 digits. */
    static final int MAX_REALM_DIGITS = 32;

    private static final URI INTUIT_AUTHORIZATION = URI.create("https://appcenter.intuit.com/connect/oauth2");
    private static final URI INTUIT_TOKEN = URI.create("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
    private static final URI INTUIT_REVOCATION = URI.create("https://developer.api.intuit.com/v2/oauth2/tokens/revoke");

    /**
     * The settings of a connection to Intuit.
     *
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes
     */
    static QuickBooksSettings from(Map<String, String> settings) {
        return from(settings, null);
    }

    /**
     * The settings of a connection, to Intuit or to the host's stand-in.
     *
     * @param standIn the base URL of the stand-in the host chose in code (see {@link #standInBase}), or null for
     *                Intuit; the connection's {@code environment} never changes where it points
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes
     */
    static QuickBooksSettings from(Map<String, String> settings, String standIn) {
        String environment = settings.getOrDefault(ENVIRONMENT, PRODUCTION).strip();
        String minor = settings.getOrDefault(MINOR_VERSION, DEFAULT_MINOR_VERSION).strip();
        if (!minor.matches("\\d{1,4}")) {
            throw configuration("The setting 'minorVersion' must be a number such as " + DEFAULT_MINOR_VERSION
                    + ", not '" + minor + "'.");
        }
        String realm = settings.get(REALM_ID);
        realm = realm == null || realm.isBlank() ? null : realm(realm, "The connection's company id (realmId) is "
                + "not a QuickBooks company id");
        String apiBase = switch (environment.toLowerCase(Locale.ROOT)) {
            case PRODUCTION -> "https://quickbooks.api.intuit.com";
            case SANDBOX -> "https://sandbox-quickbooks.api.intuit.com";
            default -> throw configuration("The setting 'environment' must be production or sandbox (Intuit's "
                    + "two environments), not '" + environment + "'. A QuickBooks stand-in, such as a test server, "
                    + "is not a connection setting: the host chooses it in code, with "
                    + "QuickBooksConnector.standIn(URI) registered with Connections.builder().connector(...).");
        };
        if (standIn != null) {
            return new QuickBooksSettings(standIn, URI.create(standIn + "/connect/oauth2"),
                    URI.create(standIn + "/oauth2/v1/tokens/bearer"), URI.create(standIn + "/v2/oauth2/tokens/revoke"),
                    minor, realm);
        }
        return new QuickBooksSettings(apiBase, INTUIT_AUTHORIZATION, INTUIT_TOKEN, INTUIT_REVOCATION, minor, realm);
    }

    /**
     * @return the company
     * @throws ConnectorException CONFIGURATION when the connection was never authorized
     */
    String requireRealm() {
        if (realmId == null) {
            throw configuration("The connection has no QuickBooks company (realmId) yet: authorize it first.");
        }
        return realmId;
    }

    /**
     * Checks a company id: it goes into every URL of the connection, so it must be what QuickBooks sends, digits.
     * The refusal does not repeat the value, which came from a redirect anyone can forge.
     *
     * @param problem what the message says first, e.g. "QuickBooks sent a company id (realmId) that is not one"
     * @return the id, stripped
     * @throws ConnectorException CONFIGURATION when it is not 1 to {@value #MAX_REALM_DIGITS} digits
     */
    static String realm(String value, String problem) {
        String realm = value.strip();
        if (!realm.matches("[0-9]{1," + MAX_REALM_DIGITS + "}")) {
            throw configuration(problem + ": a company id is 1 to " + MAX_REALM_DIGITS + " digits. Authorize the "
                    + "connection again and pick the company on Intuit's page.");
        }
        return realm;
    }

    /**
     * Checks the base URL of a stand-in the host chose in code. It is host code, not a principal's input, so a
     * mistake is an {@link IllegalArgumentException}.
     *
     * @param base e.g. {@code http://127.0.0.1:53411}
     * @return its scheme and authority, e.g. {@code http://127.0.0.1:53411}, without a trailing slash
     * @throws IllegalArgumentException unless it is an absolute http or https URL with a host and no user info, path
     *                                  (but {@code /}), query or fragment
     */
    static String standInBase(URI base) {
        Objects.requireNonNull(base, "base");
        boolean ok = base.isAbsolute() && !base.isOpaque()
                && ("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))
                && base.getHost() != null && base.getRawUserInfo() == null
                && (base.getRawPath() == null || base.getRawPath().isEmpty() || base.getRawPath().equals("/"))
                && base.getRawQuery() == null && base.getRawFragment() == null;
        if (!ok) {
            throw new IllegalArgumentException("A QuickBooks stand-in is the base URL of a server, such as "
                    + "http://127.0.0.1:8080: http or https, a host, and no user info, path, query or fragment; not "
                    + (base.getRawUserInfo() == null ? "'" + base + "'" : "one with user info"));
        }
        return base.getScheme().toLowerCase(Locale.ROOT) + "://" + base.getRawAuthority();
    }

    private static ConnectorException configuration(String message) {
        return new ConnectorException(ConnectorException.Kind.CONFIGURATION, message);
    }
}
