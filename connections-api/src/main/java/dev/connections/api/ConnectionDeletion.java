package dev.connections.api;

import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import java.util.List;
import java.util.Objects;

/**
 * What deleting a connection did.
 *
 * @param connection         the deleted connection
 * @param disconnectedTables the tables that used it; they keep their rows and history and can be switched
 * @param revocation         what became of its tokens at the service
 * @param message            the revocation's outcome for the owner, e.g. what to do when the service could not be
 *                           told; never holds a token
 */
public record ConnectionDeletion(ConnectionId connection, List<Connection.TableRef> disconnectedTables,
                                 Revocation revocation, String message) {

    /** What became of an OAuth connection's tokens. */
    public enum Revocation {
        /** The connection has no OAuth tokens (a CSV folder, say). */
        NOT_NEEDED,
        /** The service confirmed that the tokens are revoked. */
        REVOKED,
        /** The service could not be told; the tokens stay valid until they expire or the owner removes access. */
        FAILED
    }

    /**
     * Copies the tables.
     *
     * @param connection         the deleted connection
     * @param disconnectedTables the tables that used it
     * @param revocation         what became of its tokens
     * @param message            the revocation's outcome for the owner
     * @throws NullPointerException when any component is null
     */
    public ConnectionDeletion {
        Objects.requireNonNull(connection, "connection");
        disconnectedTables = List.copyOf(disconnectedTables);
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(message, "message");
    }
}
