package dev.connections.salesforce;

import dev.connections.spi.ConnectorException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where the connections of one {@link SalesforceConnector} may send their calls: Salesforce's own hosts, or one
 * stand-in that the host chose in its code ({@link SalesforceConnector#standIn}). A connection's settings are a
 * principal's choice, so they never decide where the host's client secret or a token goes: in production a login host
 * must be Salesforce's (over https), and so must the instance URL a token answer names. Immutable; thread-safe.
 */
final class SalesforceHosts {

    /** Salesforce's own hosts. */
    static final SalesforceHosts SALESFORCE = new SalesforceHosts(null);

    /** Domains whose hosts serve Salesforce's logins and orgs (My Domain, Lightning, Government Cloud, China). */
    private static final List<String> DOMAINS = List.of("salesforce.com", "force.com", "salesforce.mil",
            "sfcrmproducts.cn");

    /** The stand-in's origin ({@code scheme://host:port}); null for Salesforce itself. */
    private final String standIn;

    private SalesforceHosts(String standIn) {
        this.standIn = standIn;
    }

    /**
     * @param base the stand-in's base URL: absolute, http or https, no path, query or user info
     * @throws IllegalArgumentException otherwise
     */
    static SalesforceHosts standIn(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = base.getRawPath() == null || base.getRawPath().isEmpty() || base.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null || !pathless
                || base.getRawQuery() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("A Salesforce stand-in is an http(s) base URL such as "
                    + "http://127.0.0.1:8080, without path, query or user info; not " + base);
        }
        return new SalesforceHosts(scheme + "://" + base.getRawAuthority());
    }

    /**
     * @param loginHost the setting: {@code production}, {@code sandbox} or a My Domain URL; ignored for a stand-in
     * @return the login host's base URL, without a trailing slash
     * @throws ConnectorException CONFIGURATION for anything but Salesforce's own login hosts
     */
    String loginUrl(String loginHost) {
        if (standIn != null) {
            return standIn;
        }
        String host = loginHost == null ? SalesforceSettings.PRODUCTION : loginHost.trim();
        switch (host.toLowerCase(Locale.ROOT)) {
            case SalesforceSettings.PRODUCTION:
                return "https://login.salesforce.com";
            case SalesforceSettings.SANDBOX:
                return "https://test.salesforce.com";
            default:
                URI url = httpsBase(host);
                if (url == null) {
                    throw configuration("The login host '" + loginHost + "' is not usable: use production, "
                            + "sandbox, or your My Domain URL such as https://mycompany.my.salesforce.com.");
                }
                if (!isSalesforce(url.getHost())) {
                    // the token endpoint receives the host's client secret: it must be Salesforce's own
                    throw configuration("The login host '" + loginHost + "' is not a Salesforce login host: use "
                            + "production, sandbox, or your My Domain URL (https://<name>.my.salesforce.com).");
                }
                return url.toString();
        }
    }

    /**
     * @param instanceUrl the {@code instance_url} of a token answer, or as the connection stored it
     * @return it, without a trailing slash
     * @throws ConnectorException AUTHENTICATION when it is not an https URL of Salesforce (or the stand-in): tokens
     *                            are sent there, so the connection must be authorized again against Salesforce
     */
    String instanceUrl(String instanceUrl) {
        String text = instanceUrl.trim();
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        boolean ok;
        if (standIn != null) {
            ok = text.equalsIgnoreCase(standIn);
        } else {
            URI url = httpsBase(text);
            ok = url != null && isSalesforce(url.getHost());
        }
        if (!ok) {
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The org's instance URL is not a "
                    + "Salesforce host, so no token is sent there. Authorize the connection again with Salesforce.");
        }
        return text;
    }

    private static boolean isSalesforce(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return DOMAINS.stream().anyMatch(d -> name.endsWith("." + d));
    }

    /** @return the URL if it is an https URL with a host and nothing after it; null otherwise */
    private static URI httpsBase(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
            boolean https = uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("https");
            return https && uri.getHost() != null && pathless && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static ConnectorException configuration(String message) {
        return new ConnectorException(ConnectorException.Kind.CONFIGURATION, message);
    }

    @Override
    public String toString() {
        return standIn == null ? "Salesforce" : "stand-in " + standIn;
    }
}
