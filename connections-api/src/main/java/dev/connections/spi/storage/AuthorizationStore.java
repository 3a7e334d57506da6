package dev.connections.spi.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * The OAuth authorizations that were started and wait for their callback, by state. Every SDK instance on one
 * storage sees the same ones, so the callback of an authorization may land on any of them. Each is taken once: of
 * any number of instances and threads that take one state at the same time, exactly one gets it.
 *
 * <p>The engine seals the PKCE verifier and the settings before saving ({@link StoredAuthorization#sealed()});
 * storage keeps those bytes as they are and never sees plaintext. Thread-safe.
 */
public interface AuthorizationStore {

    /**
     * Stores an authorization that was just started.
     *
     * @param authorization the authorization
     * @throws IllegalStateException when one with the same state is stored already
     */
    void save(StoredAuthorization authorization);

    /**
     * Removes the authorization of a state and returns it, atomically: across every instance on this storage, at
     * most one call gets it, and later calls get nothing. Expired ones are taken like any other; the engine judges
     * expiry by its own clock.
     *
     * @param state the state of the authorization URL
     * @return the authorization, now removed; empty when there is none (unknown, already taken or dropped)
     */
    Optional<StoredAuthorization> take(String state);

    /**
     * Removes every authorization that expired before an instant.
     *
     * @param before the instant, by the engine's clock; an authorization whose {@code expiresAt} is earlier goes
     * @return how many were removed
     */
    int dropExpired(Instant before);
}
