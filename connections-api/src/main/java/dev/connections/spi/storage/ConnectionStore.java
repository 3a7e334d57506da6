package dev.connections.spi.storage;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import java.util.List;
import java.util.Optional;

/** Connections in storage. Thread-safe. */
public interface ConnectionStore {

    /**
     * Stores a new connection.
     *
     * @param connection the connection
     * @throws IllegalStateException when the id exists already
     */
    void insert(StoredConnection connection);

    /**
     * Replaces the stored connection with the same id.
     *
     * @param connection the connection as it is now
     * @throws IllegalStateException when there is none
     */
    void update(StoredConnection connection);

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
