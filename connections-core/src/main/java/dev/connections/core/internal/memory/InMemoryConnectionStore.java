package dev.connections.core.internal.memory;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.StoredConnection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Connections in memory, in insertion order. Thread-safe: every method holds this store's monitor. */
final class InMemoryConnectionStore implements ConnectionStore {

    private final Map<ConnectionId, StoredConnection> connections = new LinkedHashMap<>();

    @Override
    public synchronized void insert(StoredConnection connection) {
        if (connections.putIfAbsent(connection.id(), connection) != null) {
            throw new IllegalStateException("connection " + connection.id() + " exists already");
        }
    }

    @Override
    public synchronized boolean update(StoredConnection connection) {
        StoredConnection stored = connections.get(connection.id());
        if (stored == null || stored.version() != connection.version()) {
            return false;
        }
        connections.put(connection.id(), connection.nextVersion());
        return true;
    }

    @Override
    public synchronized Optional<StoredConnection> get(ConnectionId id) {
        return Optional.ofNullable(connections.get(id));
    }

    @Override
    public List<StoredConnection> byOwner(Principal owner) {
        return oldestFirst(c -> c.owner().equals(owner));
    }

    @Override
    public List<StoredConnection> byAccount(String service, String account) {
        return oldestFirst(c -> c.service().equals(service) && Objects.equals(c.account(), account));
    }

    @Override
    public synchronized void delete(ConnectionId id) {
        connections.remove(id);
    }

    @Override
    public synchronized Optional<StoredConnection> anySealed() {
        return connections.values().stream().filter(c -> c.secrets() != null).findFirst();
    }

    private synchronized List<StoredConnection> oldestFirst(Predicate<StoredConnection> which) {
        return connections.values().stream().filter(which)
                .sorted(Comparator.comparing(StoredConnection::createdAt)).toList();
    }
}
