package dev.connections.core.internal.memory;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.TableId;
import dev.connections.spi.storage.TableStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Table definitions in memory, in insertion order. Thread-safe: every method holds this store's monitor. */
final class InMemoryTableStore implements TableStore {

    private final Map<TableId, ConnectedTable> tables = new LinkedHashMap<>();

    @Override
    public synchronized void insert(ConnectedTable table) {
        if (tables.putIfAbsent(table.id(), table) != null) {
            throw new IllegalStateException("table " + table.id() + " exists already");
        }
    }

    @Override
    public synchronized void update(ConnectedTable table) {
        if (tables.replace(table.id(), table) == null) {
            throw new IllegalStateException("there is no table " + table.id() + " to update");
        }
    }

    @Override
    public synchronized Optional<ConnectedTable> get(TableId id) {
        return Optional.ofNullable(tables.get(id));
    }

    @Override
    public List<ConnectedTable> all() {
        return oldestFirst(t -> true);
    }

    @Override
    public List<ConnectedTable> byConnection(ConnectionId connection) {
        return oldestFirst(t -> t.connection().equals(connection));
    }

    @Override
    public synchronized void delete(TableId id) {
        tables.remove(id);
    }

    private synchronized List<ConnectedTable> oldestFirst(Predicate<ConnectedTable> which) {
        return tables.values().stream().filter(which).sorted(Comparator.comparing(ConnectedTable::createdAt))
                .toList();
    }
}
