package dev.connections.spi.storage;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.TableId;
import java.util.List;
import java.util.Optional;

/** Definitions of connected tables. Thread-safe. */
public interface TableStore {

    /** @throws IllegalStateException when the id exists already */
    void insert(ConnectedTable table);

    /** Replaces the definition with the same id. @throws IllegalStateException when there is none */
    void update(ConnectedTable table);

    Optional<ConnectedTable> get(TableId id);

    /** @return every table, oldest first */
    List<ConnectedTable> all();

    /** @return the tables that read through a connection, oldest first */
    List<ConnectedTable> byConnection(ConnectionId connection);

    /** Removes the definition; nothing happens when it does not exist. */
    void delete(TableId id);
}
