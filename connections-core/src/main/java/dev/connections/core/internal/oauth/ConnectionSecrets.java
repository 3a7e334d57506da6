package dev.connections.core.internal.oauth;

import dev.connections.api.ConnectionId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The stored connections as OAuth support needs them to keep their tokens: their secrets (sealed in storage, given
 * here decrypted), the lock that lets one SDK instance of all those on the storage refresh a connection's tokens, and
 * the one status change a refused grant makes. The engine implements it over its storage, so OAuth support knows
 * neither the storage nor the engine. Thread-safe.
 */
public interface ConnectionSecrets {

    /** @return the connection's secrets as stored now, decrypted; empty when the connection was deleted */
    Optional<Map<String, String>> read(ConnectionId connection);

    /**
     * Stores the secrets {@code change} makes of the connection's secrets as stored now. When another writer changes
     * the connection meanwhile, the change is made again on its new secrets, so it may be called more than once.
     *
     * @param change given a mutable copy of the secrets; returns the secrets to store; has no other effect
     * @return false when the connection was deleted (nothing is stored)
     */
    boolean update(ConnectionId connection, UnaryOperator<Map<String, String>> change);

    /**
     * The service refused the connection's grant: an ACTIVE connection now needs reauthorization, unless its secrets
     * as stored now show it was reauthorized since the refused grant was read.
     *
     * @param stillRefused whether secrets as stored now still hold the refused grant
     */
    void refused(ConnectionId connection, String reason, Predicate<Map<String, String>> stillRefused);

    /**
     * Takes the connection's token lock, one for every SDK instance on the storage (and every thread of each): whoever
     * holds it is the one that refreshes the connection's tokens.
     *
     * @param ttl how long it stays held unless closed, so that a holder that dies frees it; longer than a token
     *            request may take
     * @return the lock, to close once the new tokens are stored; empty while another instance or thread holds it
     */
    Optional<TokenLock> tryLockTokens(ConnectionId connection, Duration ttl);

    /** A connection's token lock, held until closed. Closing it twice, or after it ran out, does nothing. */
    interface TokenLock extends AutoCloseable {

        @Override
        void close();
    }
}
