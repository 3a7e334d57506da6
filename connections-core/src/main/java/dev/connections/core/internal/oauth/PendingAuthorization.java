package dev.connections.core.internal.oauth;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An authorization the SDK started and a callback may complete once: who started it, for which service, connection
 * name and settings, and the PKCE verifier that goes with its state. Immutable. Its {@code toString()} shows neither
 * the verifier nor setting values.
 */
public final class PendingAuthorization {

    private final String state;
    private final String verifier;
    private final Principal owner;
    private final String service;
    private final String name;
    private final Map<String, String> settings;
    private final ConnectionId reauthorizing;
    private final URI url;
    private final Instant expiresAt;

    PendingAuthorization(String state, String verifier, Principal owner, String service, String name,
                         Map<String, String> settings, ConnectionId reauthorizing, URI url, Instant expiresAt) {
        this.state = state;
        this.verifier = verifier;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.service = Objects.requireNonNull(service, "service");
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Map.copyOf(settings);
        this.reauthorizing = reauthorizing;
        this.url = url;
        this.expiresAt = expiresAt;
    }

    /** @return the single-use {@code state} of the authorization URL */
    public String state() {
        return state;
    }

    String verifier() {
        return verifier;
    }

    /** @return who started it: the owner of the connection it makes */
    public Principal owner() {
        return owner;
    }

    /** @return the service id */
    public String service() {
        return service;
    }

    /** @return the connection's name */
    public String name() {
        return name;
    }

    /** @return the settings the owner gave (secret ones included); empty when reauthorizing */
    public Map<String, String> settings() {
        return settings;
    }

    /** @return the connection being reauthorized; null for a new connection */
    public ConnectionId reauthorizing() {
        return reauthorizing;
    }

    /** @return where to send the user */
    public URI url() {
        return url;
    }

    /** @return when the state stops being accepted */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "PendingAuthorization[service=" + service + ", owner=" + owner + ", name=" + name + ", reauthorizing="
                + reauthorizing + ", settings=" + settings.keySet() + ", expiresAt=" + expiresAt + "]";
    }
}
