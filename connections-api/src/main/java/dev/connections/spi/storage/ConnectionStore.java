package dev.connections.spi.storage;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import java.util.List;
import java.util.Optional;

/** Connections in storage. Thread-safe. */
public interface ConnectionStore {

    /** @throws IllegalStateException when the id exists already */
    void insert(StoredConnection connection);

    /** Replaces the stored connection with the same id. @throws IllegalStateException when there is none */
    void update(StoredConnection connection);

    Optional<StoredConnection> get(ConnectionId id);

    /** @return the owner's connections, oldest first */
    List<StoredConnection> byOwner(Principal owner);

    /** @return every connection of a service to one account, whoever owns it, oldest first */
    List<StoredConnection> byAccount(String service, String account);

    /** Removes it; nothing happens when it does not exist. */
    void delete(ConnectionId id);

    /**
     * @return any one connection whose secrets are stored (non-null ciphertext); empty when there is none. The engine
     *         opens it when it starts, to refuse a secret key that is not the one the stored secrets were sealed with.
     */
    Optional<StoredConnection> anySealed();
}
