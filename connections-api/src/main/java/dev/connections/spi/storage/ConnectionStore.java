package dev.connections.spi.storage;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Connections in storage. Implementations MUST be thread safe, and {@link #update} MUST be a compare-and-set across
 * every SDK instance on the storage: connections are versioned so that a change made from an old read never
 * overwrites a newer one (a rename made from a read older than a token rotation would store the retired refresh
 * token again).
 */
public interface ConnectionStore {

    /**
     * Stores a new connection, with the version it carries.
     *
     * @param connection the connection
     * @throws IllegalStateException when the id exists already
     */
    void insert(StoredConnection connection);

    /**
     * Replaces the stored connection with the same id if nobody updated it since it was read: only while the stored
     * version is still {@code connection.version()}. The stored version then moves on by one (what
     * {@link StoredConnection#nextVersion()} gives), in one atomic step.
     *
     * @param connection the connection as changed from a read of it
     * @return true when it was stored; false when the stored version is another (someone updated it since: read it
     *         again and make the change anew) or the connection was deleted. Nothing is stored then.
     */
    boolean update(StoredConnection connection);

    /**
     * @param id a connection's id
     * @return the connection, or empty when there is none
     */
    Optional<StoredConnection> get(ConnectionId id);

    /**
     * @param owner a principal
     * @return the owner's connections, oldest first
     */
    List<StoredConnection> byOwner(Principal owner);

    /**
     * @param service a connector id
     * @param account an account id of that service
     * @return every connection of a service to one account, whoever owns it, oldest first
     */
    List<StoredConnection> byAccount(String service, String account);

    /**
     * Removes a connection; nothing happens when it does not exist.
     *
     * @param id the connection's id
     */
    void delete(ConnectionId id);

    /**
     * @return any one connection whose secrets are stored (non-null ciphertext); empty when there is none. The engine
     *         opens it when it starts, to refuse a secret key that is not the one the stored secrets were sealed with.
     */
    Optional<StoredConnection> anySealed();
}
