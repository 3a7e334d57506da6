package dev.connections.core.internal;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsException;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.StoredConnection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one way the engine changes a stored connection: read it, apply a change, store the result with the store's
 * compare-and-set, and when another writer (a thread or an SDK instance) stored a newer version meanwhile, read it
 * again and apply the change anew. So a rename, a test or a status change never writes back the secrets a token
 * rotation replaced, and a token rotation never loses a rename. Stateless; thread-safe.
 */
public final class ConnectionChanges {

    /** How often a change is tried against a fresh read before it gives up. */
    static final int ATTEMPTS = 50;

    private ConnectionChanges() {
    }

    /**
     * A change that was applied.
     *
     * @param before the connection as read for the change that was stored
     * @param after  the connection as stored now: {@code before} when the change made nothing new
     */
    public record Changed(StoredConnection before, StoredConnection after) {
    }

    /**
     * @param change given the connection as stored now, returns it changed; returns it unchanged (the same object or
     *               an equal one) when there is nothing to store. Called once per attempt, so it must not have
     *               effects of its own.
     * @return the change as stored; empty when the connection does not exist (nothing is stored)
     * @throws ConnectionsException CONFLICT when other writers won every attempt
     */
    public static Optional<Changed> apply(ConnectionStore store, ConnectionId id,
                                          UnaryOperator<StoredConnection> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredConnection> read = store.get(id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            StoredConnection before = read.get();
            StoredConnection after = change.apply(before);
            if (after.equals(before)) {
                return Optional.of(new Changed(before, before));
            }
            if (store.update(after)) {
                return Optional.of(new Changed(before, after.nextVersion()));
            }
        }
        throw ConnectionsException.conflict("Connection " + id + " was changed by others " + ATTEMPTS + " times while "
                + "this change was being stored; try again.");
    }
}
