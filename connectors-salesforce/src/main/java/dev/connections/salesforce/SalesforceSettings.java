package dev.connections.salesforce;

import dev.connections.spi.ConnectorException;
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
     * @param hosts where the connection may send its calls
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes; AUTHENTICATION for an
     *                            instance URL that is not Salesforce's
     */
    static SalesforceSettings from(Map<String, String> settings, SalesforceHosts hosts) {
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
            instance = hosts.instanceUrl(instance);
        }
        return new SalesforceSettings(hosts.loginUrl(settings.getOrDefault(LOGIN_HOST, PRODUCTION)), version, bulk,
                instance, orgId(settings.get(IDENTITY_URL)));
    }

    /** @return the instance URL, or a CONFIGURATION failure saying that the connection needs authorizing */
    String requireInstanceUrl() {
        if (instanceUrl == null) {
            throw configuration("The connection has no Salesforce instance URL: authorize it (again).");
        }
        return instanceUrl;
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
