package dev.connections.spi;

/**
 * The tokens of an OAuth connection, as the engine gives them to a session. Thread-safe: every session of one
 * connection shares one instance's state, so that a token refresh happens once however many tables refresh at once.
 */
public interface OAuthTokens {

    /**
     * @return the current access token; refreshed first when the service told its lifetime and it has run out
     * @throws ConnectorException AUTHENTICATION when the connection needs reauthorization
     */
    String accessToken();

    /**
     * Called when the service rejected an access token (HTTP 401). Refreshes once for all sessions of the connection
     * (single-flight): a caller whose rejected token was already replaced gets the new one without a second refresh.
     * A rotated refresh token is stored before the new access token is returned.
     *
     * @param rejected the access token the service refused
     * @return a newer access token
     * @throws ConnectorException AUTHENTICATION when the refresh token is refused ({@code invalid_grant}): the
     *                            connection is marked NEEDS_REAUTHORIZATION
     */
    String refreshAfterRejection(String rejected);
}
