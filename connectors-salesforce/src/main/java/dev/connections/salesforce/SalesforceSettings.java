package dev.connections.salesforce;

import dev.connections.spi.ConnectorException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one Salesforce connection, checked.
 *
 * @param loginUrl      the login host's base URL, e.g. {@code https://login.salesforce.com}
 * @param apiVersion    the REST API version, e.g. {@code 62.0}
 * @param bulkThreshold the record count above which a full read uses Bulk API 2.0
 * @param instanceUrl   the org's instance from the token response; null before authorization
 * @param orgId         the org id from the token response's identity URL; null before authorization
 */
record SalesforceSettings(String loginUrl, String apiVersion, long bulkThreshold, String instanceUrl, String orgId) {

    static final String LOGIN_HOST = "loginHost";
    static final String API_VERSION = "apiVersion";
    static final String BULK_THRESHOLD = "bulkThreshold";
    /** Kept from the token response: the org's instance URL. */
    static final String INSTANCE_URL = "instance_url";
    /** Kept from the token response: the identity URL {@code {login}/id/{orgId}/{userId}}. */
    static final String IDENTITY_URL = "id";

    static final String PRODUCTION = "production";
    static final String SANDBOX = "sandbox";
    static final String DEFAULT_API_VERSION = "62.0";
    static final long DEFAULT_BULK_THRESHOLD = 50_000;

    /**
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes
     */
    static SalesforceSettings from(Map<String, String> settings) {
        String version = settings.getOrDefault(API_VERSION, DEFAULT_API_VERSION).trim();
        if (!version.matches("\\d{2,3}\\.0")) {
            throw configuration("The API version '" + version + "' is not a Salesforce API version: use a value "
                    + "such as " + DEFAULT_API_VERSION + ".");
        }
        String threshold = settings.getOrDefault(BULK_THRESHOLD, Long.toString(DEFAULT_BULK_THRESHOLD)).trim();
        long bulk;
        try {
            bulk = Long.parseLong(threshold);
        } catch (NumberFormatException e) {
            bulk = -1;
        }
        if (bulk < 0) {
            throw configuration("The Bulk API threshold '" + threshold + "' is not a record count: use a whole "
                    + "number of 0 or more, such as " + DEFAULT_BULK_THRESHOLD + ".");
        }
        String instance = settings.get(INSTANCE_URL);
        if (instance != null) {
            instance = baseUrl(instance, "instance URL");
        }
        return new SalesforceSettings(loginUrl(settings.getOrDefault(LOGIN_HOST, PRODUCTION)), version, bulk,
                instance, orgId(settings.get(IDENTITY_URL)));
    }

    /**
     * @param loginHost {@code production}, {@code sandbox} or the URL of a My Domain login host
     * @return the login host's base URL, without a trailing slash
     */
    static String loginUrl(String loginHost) {
        String host = loginHost == null ? PRODUCTION : loginHost.trim();
        switch (host.toLowerCase(Locale.ROOT)) {
            case PRODUCTION:
                return "https://login.salesforce.com";
            case SANDBOX:
                return "https://test.salesforce.com";
            default:
                String url = baseUrl(host, "login host");
                String name = URI.create(url).getHost().toLowerCase(Locale.ROOT);
                boolean salesforce = SALESFORCE_DOMAINS.stream().anyMatch(d -> name.endsWith("." + d));
                if (!salesforce && !isLocal(name)) {
                    // the token endpoint receives the host's client secret: it must be Salesforce's own
                    throw configuration("The login host '" + loginHost + "' is not a Salesforce login host: use "
                            + "production, sandbox, or your My Domain URL (https://<name>.my.salesforce.com).");
                }
                return url;
        }
    }

    /** Domains whose hosts may serve Salesforce's OAuth endpoints (My Domain, Government Cloud, China). */
    private static final java.util.List<String> SALESFORCE_DOMAINS =
            java.util.List.of("salesforce.com", "force.com", "salesforce.mil", "sfcrmproducts.cn");

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** @return the instance URL, or a CONFIGURATION failure saying that the connection needs authorizing */
    String requireInstanceUrl() {
        if (instanceUrl == null) {
            throw configuration("The connection has no Salesforce instance URL: authorize it (again).");
        }
        return instanceUrl;
    }

    /**
     * An https URL, or http on this machine (a test server); no path, query or credentials.
     */
    private static String baseUrl(String text, String what) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw configuration(invalidUrl(text, what));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        boolean local = host != null && isLocal(host);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (host == null || !pathless || uri.getRawQuery() != null || uri.getRawUserInfo() != null
                || !(scheme.equals("https") || scheme.equals("http") && local)) {
            throw configuration(invalidUrl(text, what));
        }
        return uri.toString();
    }

    private static String invalidUrl(String text, String what) {
        return "The " + what + " '" + text + "' is not usable: use production, sandbox, or an https URL such as "
                + "https://mycompany.my.salesforce.com (http only for a server on this machine).";
    }

    /** @return the org id from an identity URL {@code .../id/{orgId}/{userId}}; null when there is none */
    private static String orgId(String identityUrl) {
        if (identityUrl == null) {
            return null;
        }
        String[] parts = identityUrl.split("/");
        for (int i = 0; i + 2 < parts.length; i++) {
            if (parts[i].equals("id") && parts[i + 1].matches("00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?")) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static ConnectorException configuration(String message) {
        return new ConnectorException(ConnectorException.Kind.CONFIGURATION, message);
    }
}
