package dev.connections.api;

import dev.connections.api.ConnectionId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth authorization the SDK started: send the user to {@link #authorizationUrl()}; the service sends them back
 * to the host's redirect URI, whose query parameters the host passes to
 * {@code ConnectionService.completeAuthorization(caller, parameters)} of {@code connections-core}.
 *
 * @param authorizationUrl where to send the user; carries the client id, redirect URI, scopes, {@code state} and a
 *                         PKCE S256 {@code code_challenge}
 * @param state            the single-use value that ties the callback to this authorization, bound to the principal
 *                         who started it
 * @param connection       the connection being reauthorized; null when the authorization makes a new connection
 * @param expiresAt        when the callback stops being accepted (10 minutes after it was started)
 */
public record AuthorizationRequest(URI authorizationUrl, String state, @Nullable ConnectionId connection,
                                   Instant expiresAt) {

    /**
     * @param authorizationUrl where to send the user
     * @param state            the single-use value of the callback
     * @param connection       the connection being reauthorized; null for a new connection
     * @param expiresAt        when the callback stops being accepted
     * @throws NullPointerException when any but {@code connection} is null
     */
    public AuthorizationRequest {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
