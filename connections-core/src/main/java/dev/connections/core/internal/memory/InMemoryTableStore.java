package dev.connections.core.internal.memory;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import dev.connections.api.TableId;
import dev.connections.spi.storage.DueRefresh;
import dev.connections.spi.storage.TableNameTakenException;
import dev.connections.spi.storage.TableStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Table definitions in memory, kept in the orders they are read in: by creation (then insertion), by due time, by
 * app and folded name, by connection. No read sorts or scans. Thread-safe: every method holds this store's monitor.
 */
final class InMemoryTableStore implements TableStore {

    /** Where a table sits in creation order: its creation time, then the order of insertion. */
    private record Place(Instant createdAt, long seq) implements Comparable<Place> {
        private static final Comparator<Place> ORDER = Comparator.comparing(Place::createdAt)
                .thenComparingLong(Place::seq);

        @Override
        public int compareTo(Place other) {
            return ORDER.compare(this, other);
        }
    }

    /** One stored table with its place and due time. */
    private record Entry(ConnectedTable table, Place place, Instant due) {
        Entry with(ConnectedTable changed) {
            return new Entry(changed, place, due);
        }

        Entry due(Instant at) {
            return new Entry(table, place, at);
        }
    }

    private static final Comparator<DueRefresh> DUE_ORDER = Comparator.comparing(DueRefresh::at)
            .thenComparing(d -> d.table().value());

    private final Map<TableId, Entry> byId = new HashMap<>();
    private final NavigableMap<Place, ConnectedTable> byCreation = new TreeMap<>();
    private final Map<String, TableId> byName = new HashMap<>();
    private final Map<ConnectionId, NavigableMap<Place, TableId>> byConnection = new HashMap<>();
    private final NavigableSet<DueRefresh> byDue = new TreeSet<>(DUE_ORDER);
    private long inserted;

    @Override
    public synchronized void insert(ConnectedTable table, Instant due) {
        if (byId.containsKey(table.id())) {
            throw new IllegalStateException("table " + table.id() + " exists already");
        }
        if (byName.containsKey(nameKey(table.app(), table.createdBy(), table.name()))) {
            throw new TableNameTakenException("app " + table.app() + " has a table named '" + table.name()
                    + "' of this creator already");
        }
        Entry entry = new Entry(table, new Place(table.createdAt(), inserted++), due);
        byId.put(table.id(), entry);
        index(entry);
    }

    @Override
    public synchronized void update(ConnectedTable table) {
        Entry old = byId.get(table.id());
        if (old == null) {
            throw new IllegalStateException("there is no table " + table.id() + " to update");
        }
        unindex(old);
        Entry changed = old.with(table);
        byId.put(table.id(), changed);
        index(changed);
    }

    @Override
    public synchronized Optional<ConnectedTable> get(TableId id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::table);
    }

    @Override
    public synchronized List<ConnectedTable> all() {
        return List.copyOf(byCreation.values());
    }

    @Override
    public synchronized Optional<ConnectedTable> byName(String app, Principal createdBy, String name) {
        return Optional.ofNullable(byName.get(nameKey(app, createdBy, name))).map(id -> byId.get(id).table());
    }

    @Override
    public synchronized List<ConnectedTable> byConnection(ConnectionId connection) {
        NavigableMap<Place, TableId> ids = byConnection.get(connection);
        if (ids == null) {
            return List.of();
        }
        List<ConnectedTable> found = new ArrayList<>(ids.size());
        ids.values().forEach(id -> found.add(byId.get(id).table()));
        return found;
    }

    @Override
    public synchronized void delete(TableId id) {
        Entry old = byId.remove(id);
        if (old != null) {
            unindex(old);
        }
    }

    @Override
    public synchronized void setDue(TableId id, Instant due) {
        Entry old = byId.get(id);
        if (old != null) {
            replaceDue(old, due);
        }
    }

    @Override
    public synchronized boolean moveDue(TableId id, Instant expected, Instant due) {
        Entry old = byId.get(id);
        if (old == null || !expected.equals(old.due())) {
            return false;
        }
        replaceDue(old, due);
        return true;
    }

    @Override
    public synchronized Optional<Instant> due(TableId id) {
        return Optional.ofNullable(byId.get(id)).map(Entry::due);
    }

    @Override
    public synchronized List<DueRefresh> dueBy(Instant now, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, not " + limit);
        }
        List<DueRefresh> found = new ArrayList<>(Math.min(limit, 64));
        for (DueRefresh d : byDue) {
            if (d.at().isAfter(now) || found.size() == limit) {
                break;
            }
            found.add(d);
        }
        return found;
    }

    @Override
    public synchronized Optional<Instant> earliestDue() {
        return byDue.isEmpty() ? Optional.empty() : Optional.of(byDue.first().at());
    }

    private void replaceDue(Entry old, Instant due) {
        if (old.due() != null) {
            byDue.remove(new DueRefresh(old.table().id(), old.due()));
        }
        Entry changed = old.due(due);
        byId.put(old.table().id(), changed);
        if (due != null) {
            byDue.add(new DueRefresh(changed.table().id(), due));
        }
    }

    private void index(Entry e) {
        ConnectedTable t = e.table();
        byCreation.put(e.place(), t);
        byName.put(nameKey(t.app(), t.createdBy(), t.name()), t.id());
        byConnection.computeIfAbsent(t.connection(), c -> new TreeMap<>()).put(e.place(), t.id());
        if (e.due() != null) {
            byDue.add(new DueRefresh(t.id(), e.due()));
        }
    }

    private void unindex(Entry e) {
        ConnectedTable t = e.table();
        byCreation.remove(e.place());
        byName.remove(nameKey(t.app(), t.createdBy(), t.name()), t.id());
        NavigableMap<Place, TableId> ofConnection = byConnection.get(t.connection());
        if (ofConnection != null) {
            ofConnection.remove(e.place());
            if (ofConnection.isEmpty()) {
                byConnection.remove(t.connection());
            }
        }
        if (e.due() != null) {
            byDue.remove(new DueRefresh(t.id(), e.due()));
        }
    }

    private static String nameKey(String app, Principal createdBy, String name) {
        return app + '\u0000' + createdBy.id() + '\u0000' + TableStore.foldName(name);
    }
}
