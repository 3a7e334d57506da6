package dev.connections.core.internal.memory;

import dev.connections.api.ConnectedTable;
import dev.connections.api.SourceField;
import dev.connections.spi.Cursor;
import dev.connections.spi.storage.RefreshWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The rows and the cursor of one connected table. Every field is guarded by {@link #lock}: readers and the writer's
 * look-ups take the read lock, whatever changes rows (a commit, a definition, a drop) takes the write lock, so a
 * reader sees the rows of one commit or of the next, never a mix.
 */
final class TableRows {

    /** One stored row. {@code seenBy} is the generation of the last refresh that wrote it. */
    static final class Entry {
        Object[] values;
        volatile long seenBy;

        Entry(Object[] values, long seenBy) {
            this.values = values;
            this.seenBy = seenBy;
        }
    }

    final ReadWriteLock lock = new ReentrantReadWriteLock();
    final Map<Key, Entry> rows = new HashMap<>();
    List<SourceField> fields;
    List<String> refreshKey;
    int[] keyColumns;
    Cursor cursor;
    /** Changes whenever the definition changes or the table is dropped: open writers of an older one fail. */
    long version;
    boolean dropped;
    /** The writer of the refresh running now (one at a time); null when none. */
    RefreshWriter writer;

    TableRows(ConnectedTable table) {
        fields = table.fields();
        refreshKey = table.refreshKey();
        keyColumns = table.keyColumns();
    }

    /**
     * Alters the table to a changed definition (see {@link dev.connections.spi.storage.TableData#define}). Takes
     * the write lock.
     */
    void redefine(ConnectedTable table) {
        lock.writeLock().lock();
        try {
            if (!sameKey(table)) {
                rows.clear();
            } else if (!fields.equals(table.fields())) {
                int[] from = columnSources(table.fields());
                for (Entry entry : rows.values()) {
                    Object[] moved = new Object[from.length];
                    for (int i = 0; i < from.length; i++) {
                        moved[i] = from[i] < 0 ? null : entry.values[from[i]];
                    }
                    entry.values = moved;
                }
            }
            fields = table.fields();
            refreshKey = table.refreshKey();
            keyColumns = table.keyColumns();
            cursor = null;
            version++;
            writer = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Empties the table for good; open writers fail. Takes the write lock. */
    void drop() {
        lock.writeLock().lock();
        try {
            rows.clear();
            cursor = null;
            dropped = true;
            version++;
            writer = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return a snapshot of the row arrays, taken under the read lock; the arrays are shared, not copied */
    List<Object[]> snapshot() {
        lock.readLock().lock();
        try {
            List<Object[]> values = new ArrayList<>(rows.size());
            for (Entry entry : rows.values()) {
                values.add(entry.values);
            }
            return values;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return whether the definition has these columns (names and types) and this refresh key */
    boolean hasLayoutOf(ConnectedTable table) {
        return refreshKey.equals(table.refreshKey()) && sameColumns(fields, table.fields());
    }

    /** The refresh key is the same when it names the same fields, in order, with the same types. */
    private boolean sameKey(ConnectedTable table) {
        if (!refreshKey.equals(table.refreshKey())) {
            return false;
        }
        int[] newColumns = table.keyColumns();
        for (int i = 0; i < keyColumns.length; i++) {
            if (fields.get(keyColumns[i]).type() != table.fields().get(newColumns[i]).type()) {
                return false;
            }
        }
        return true;
    }

    /** @return for each new column, the old column its values come from: same name and type; -1 for none */
    private int[] columnSources(List<SourceField> newFields) {
        int[] from = new int[newFields.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = -1;
            for (int j = 0; j < fields.size(); j++) {
                SourceField old = fields.get(j);
                if (old.name().equals(newFields.get(i).name()) && old.type() == newFields.get(i).type()) {
                    from[i] = j;
                }
            }
        }
        return from;
    }

    private static boolean sameColumns(List<SourceField> a, List<SourceField> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || a.get(i).type() != b.get(i).type()) {
                return false;
            }
        }
        return true;
    }
}
