package dev.connections.core.internal.oauth;

import dev.connections.api.ConnectionsException;
import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.StoredAuthorization;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The authorizations started and waiting for their callback, in storage, so that a callback completes on any SDK
 * instance sharing it. A state is taken once across all of them: a second callback with it, or one after it expired,
 * is refused. The verifier and the settings reach storage only sealed with the instance's key. Expired entries stay a
 * while longer so that a late callback hears "expired" rather than "unknown", then go. Thread-safe.
 */
final class PendingAuthorizations {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final String VERIFIER = "verifier";
    private static final String SETTING = "setting.";

    private final AuthorizationStore store;
    private final Sealer sealer;

    PendingAuthorizations(AuthorizationStore store, Sealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    void add(PendingAuthorization pending, Instant now) {
        store.dropExpired(now.minus(LIFETIME));
        Map<String, String> secret = new HashMap<>();
        secret.put(VERIFIER, pending.verifier());
        pending.settings().forEach((k, v) -> secret.put(SETTING + k, v));
        store.save(new StoredAuthorization(pending.state(), pending.owner(), pending.service(), pending.name(),
                pending.reauthorizing(), pending.url().toString(), pending.expiresAt(),
                sealer.seal(context(pending.state()), secret)));
    }

    /**
     * @return the authorization of the state, removed so that it cannot be completed twice, on any instance
     * @throws ConnectionsException INVALID_INPUT when the state is unknown, used or expired
     */
    PendingAuthorization take(String state, Instant now) {
        StoredAuthorization stored = store.take(state).orElseThrow(() -> ConnectionsException.invalid("This "
                + "authorization is unknown or was already completed (each authorization URL can be completed once, "
                + "on any SDK instance that shares the storage of the one that made it). Start again with "
                + "authorize()."));
        if (now.isAfter(stored.expiresAt())) {
            throw ConnectionsException.invalid("This authorization expired: it must be completed within "
                    + LIFETIME.toMinutes() + " minutes of authorize(). Start again with authorize().");
        }
        Map<String, String> opened;
        try {
            opened = sealer.open(context(state), stored.sealed());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("This authorization was started by an SDK instance with another secret "
                    + "key: every instance sharing a storage must be given the same key (secretKey(...)).");
        }
        Map<String, String> settings = new HashMap<>();
        opened.forEach((k, v) -> {
            if (k.startsWith(SETTING)) {
                settings.put(k.substring(SETTING.length()), v);
            }
        });
        return new PendingAuthorization(state, opened.get(VERIFIER), stored.owner(), stored.service(),
                stored.name(), settings, stored.reauthorizing(), URI.create(stored.url()), stored.expiresAt());
    }

    /** Binds the sealed bytes to their state: copied to another authorization's row, they do not open. */
    static String context(String state) {
        return "oauth-authorization:" + state;
    }
}
