package dev.connections.core.internal.oauth;

import dev.connections.api.ConnectionsException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The authorizations started on this SDK instance, by state, in memory. A state is taken once: a second callback with
 * it, or one after it expired, is refused. Expired entries stay a while longer so that a late callback hears "expired"
 * rather than "unknown", then go. Thread-safe.
 */
final class PendingAuthorizations {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final ConcurrentMap<String, PendingAuthorization> byState = new ConcurrentHashMap<>();

    void add(PendingAuthorization pending, Instant now) {
        byState.values().removeIf(p -> p.expiresAt().plus(LIFETIME).isBefore(now));
        byState.put(pending.state(), pending);
    }

    /**
     * @return the authorization of the state, removed so that it cannot be completed twice
     * @throws ConnectionsException INVALID_INPUT when the state is unknown, used or expired
     */
    PendingAuthorization take(String state, Instant now) {
        PendingAuthorization pending = state == null ? null : byState.remove(state);
        if (pending == null) {
            throw ConnectionsException.invalid("This authorization is unknown or was already completed (each "
                    + "authorization URL can be completed once, on the SDK instance that made it). Start again with "
                    + "authorize().");
        }
        if (now.isAfter(pending.expiresAt())) {
            throw ConnectionsException.invalid("This authorization expired: it must be completed within "
                    + LIFETIME.toMinutes() + " minutes of authorize(). Start again with authorize().");
        }
        return pending;
    }
}
