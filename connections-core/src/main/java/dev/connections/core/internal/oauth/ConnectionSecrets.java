package dev.connections.core.internal.oauth;

import dev.connections.api.ConnectionId;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The stored connections as OAuth support needs them to keep their tokens: their secrets (sealed in storage, given
 * here decrypted) and the one status change a refused grant makes. The engine implements it over its storage, so
 * OAuth support knows neither the storage nor the engine. Thread-safe.
 */
public interface ConnectionSecrets {

    /** @return the connection's secrets as stored now, decrypted; empty when the connection was deleted */
    Optional<Map<String, String>> read(ConnectionId connection);

    /**
     * Stores the secrets {@code change} makes of the connection's secrets as stored now.
     *
     * @param change given a mutable copy of the secrets; returns the secrets to store
     * @return false when the connection was deleted (nothing is stored)
     */
    boolean update(ConnectionId connection, UnaryOperator<Map<String, String>> change);

    /** The service refused the connection's grant: an ACTIVE connection now needs reauthorization. */
    void refused(ConnectionId connection, String reason);
}
