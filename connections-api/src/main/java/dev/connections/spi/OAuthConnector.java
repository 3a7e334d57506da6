package dev.connections.spi;

import java.util.Map;

/**
 * A {@link Connector} whose connections authorize with OAuth 2.0 (its descriptor's auth kind is OAUTH2). The engine
 * runs the authorization code flow (state, PKCE, code exchange, token storage, refresh, revocation); the connector
 * says where the endpoints are and what a completed authorization tells about the account.
 *
 * <p>Implementations MUST be thread-safe.
 */
public interface OAuthConnector extends Connector {

    /**
     * @param settings the connection's non-secret settings (e.g. a Salesforce login host, a QuickBooks environment),
     *                 defaults applied
     * @return the endpoints and parameters of the service's OAuth flow for those settings; never null
     * @throws ConnectorException CONFIGURATION when the settings name no usable service
     */
    OAuthSpec oauth(Map<String, String> settings);

    /**
     * Picks, from a completed authorization, the values sessions need besides the tokens: the Salesforce
     * {@code instance_url} and {@code id}, the QuickBooks {@code realmId}. They are kept as the connection's
     * settings (not secret), so they must not hold a credential.
     *
     * @param tokenResponse the string fields of the token response, the tokens themselves removed
     * @param callback      the query parameters of the redirect back, {@code code} and {@code state} removed
     * @return values to keep; never null
     */
    Map<String, String> authorizedSettings(Map<String, String> tokenResponse, Map<String, String> callback);
}
