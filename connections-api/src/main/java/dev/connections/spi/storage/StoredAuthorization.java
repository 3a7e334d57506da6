package dev.connections.spi.storage;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth authorization as storage keeps it while it waits for its callback.
 *
 * @param state         the single-use {@code state} of the authorization URL; the key
 * @param owner         who started it
 * @param service       the connector id
 * @param name          the name of the connection it makes or reauthorizes
 * @param reauthorizing the connection being reauthorized; null for a new connection
 * @param url           the authorization URL the user was sent to
 * @param expiresAt     when its callback stops being accepted
 * @param sealed        the PKCE verifier and the settings the owner gave, encrypted by the engine (AES-GCM).
 *                      Storage keeps these bytes as they are and never sees plaintext.
 */
public record StoredAuthorization(String state, Principal owner, String service, String name,
                                  @Nullable ConnectionId reauthorizing, String url, Instant expiresAt,
                                  byte[] sealed) {

    /**
     * Copies the sealed bytes.
     *
     * @param state         the single-use state; the key
     * @param owner         who started it
     * @param service       the connector id
     * @param name          the connection's name
     * @param reauthorizing the connection being reauthorized; null for a new connection
     * @param url           the authorization URL
     * @param expiresAt     when its callback stops being accepted
     * @param sealed        the engine's ciphertext of the verifier and settings
     * @throws NullPointerException when any component but {@code reauthorizing} is null
     */
    public StoredAuthorization {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        sealed = Objects.requireNonNull(sealed, "sealed").clone();
    }

    /** @return a copy of the ciphertext */
    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    /** @return whether {@code o} is a stored authorization with equal components, the sealed bytes by content */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StoredAuthorization a && state.equals(a.state) && owner.equals(a.owner)
                && service.equals(a.service) && name.equals(a.name) && Objects.equals(reauthorizing, a.reauthorizing)
                && url.equals(a.url) && expiresAt.equals(a.expiresAt) && Arrays.equals(sealed, a.sealed);
    }

    @Override
    public int hashCode() {
        return state.hashCode();
    }

    /** Shows neither the state nor the URL (which carries it), nor anything sealed. */
    @Override
    public String toString() {
        return "StoredAuthorization[service=" + service + ", owner=" + owner + ", name=" + name + ", reauthorizing="
                + reauthorizing + ", expiresAt=" + expiresAt + "]";
    }
}
