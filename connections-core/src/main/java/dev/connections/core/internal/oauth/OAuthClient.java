package dev.connections.core.internal.oauth;

import java.util.Objects;

/**
 * The SDK's registration as an OAuth client of one service, given with
 * {@code Connections.builder().oauthClient(service, clientId, clientSecret)}.
 *
 * @param clientId     the client (consumer) id; never blank
 * @param clientSecret the client secret; never blank, never shown by {@link #toString()}
 */
public record OAuthClient(String clientId, String clientSecret) {

    public OAuthClient {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("an OAuth client needs a client id");
        }
        if (clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("an OAuth client needs a client secret");
        }
    }

    /** Shows the client id only. */
    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + "]";
    }
}
