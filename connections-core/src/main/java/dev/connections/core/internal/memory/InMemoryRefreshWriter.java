package dev.connections.core.internal.memory;

import dev.connections.api.ConnectionsException;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.RefreshWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One refresh of one in-memory table. It keeps only a delta, the rows it adds or changes and the keys it deletes,
 * and applies it under the table's write lock at commit, so readers see the table before or after the refresh,
 * never between. Rows it writes with unchanged values are not copied: they are stamped with this refresh's
 * generation, which is also how it finds the duplicates of stored keys and, with REMOVE, the rows it did not see.
 *
 * <p>Used by one thread, as every {@link RefreshWriter}. Row arrays are taken over, not copied.
 */
final class InMemoryRefreshWriter implements RefreshWriter {

    private enum State { OPEN, PREPARED, COMMITTED, ABORTED }

    /** A change of one row: new values (over an existing row or not), or the removal of an existing row. */
    private record Change(Object[] values, TableRows.Entry existing) {
        static Change removal(TableRows.Entry existing) {
            return new Change(null, existing);
        }

        boolean isRemoval() {
            return values == null;
        }
    }

    private final TableId table;
    private final TableRows rows;
    private final long version;
    private final long generation;
    private final InMemoryHistoryStore history;
    /** Throws {@link dev.connections.spi.storage.LeaseLostException} unless the refresh's lease still holds. */
    private final Runnable fence;
    private final List<String> fieldNames;
    private final int[] keyColumns;
    private final Map<Key, Change> delta = new HashMap<>();
    private long unchanged;
    private boolean removeUnseen;
    private State state = State.OPEN;

    /** Called under the table's write lock. */
    InMemoryRefreshWriter(TableId table, TableRows rows, long version, long generation,
                          InMemoryHistoryStore history, Runnable fence) {
        this.table = table;
        this.fence = fence;
        this.rows = rows;
        this.version = version;
        this.generation = generation;
        this.history = history;
        this.fieldNames = rows.fields.stream().map(SourceField::name).toList();
        this.keyColumns = rows.keyColumns;
    }

    @Override
    public void upsert(Row row) {
        requireState(State.OPEN, "write to");
        Object[] values = row.values();
        if (values.length != fieldNames.size()) {
            throw new IllegalArgumentException("a row of table " + table + " has " + fieldNames.size()
                    + " values (" + fieldNames + "), not " + values.length);
        }
        checkKey(values, row.line());
        Key key = Key.of(values, keyColumns);
        Change previous = delta.get(key);
        if (previous != null && !previous.isRemoval()) {
            throw new DuplicateKeyException(key.values(), row.line());
        }
        TableRows.Entry existing;
        boolean same = false;
        rows.lock.readLock().lock();
        try {
            checkVersion();
            existing = rows.rows.get(key);
            if (existing != null) {
                if (existing.seenBy == generation) {
                    throw new DuplicateKeyException(key.values(), row.line());
                }
                existing.seenBy = generation;
                same = SameValues.same(existing.values, values);
            }
        } finally {
            rows.lock.readLock().unlock();
        }
        if (same) {
            unchanged++;
            delta.remove(key);
        } else {
            delta.put(key, new Change(values, existing));
        }
    }

    @Override
    public void delete(Object[] key) {
        requireState(State.OPEN, "delete from");
        if (key.length != keyColumns.length) {
            throw new IllegalArgumentException("the refresh key of table " + table + " has " + keyColumns.length
                    + " values, not " + key.length);
        }
        Key k = Key.of(key);
        TableRows.Entry existing;
        rows.lock.readLock().lock();
        try {
            checkVersion();
            existing = rows.rows.get(k);
        } finally {
            rows.lock.readLock().unlock();
        }
        Change previous = delta.remove(k);
        if (existing == null) {
            return;
        }
        if (previous == null && existing.seenBy == generation) {
            unchanged--;
        }
        delta.put(k, Change.removal(existing));
    }

    @Override
    public RefreshCounts prepare(boolean removeUnseenRows) {
        requireState(State.OPEN, "prepare");
        long added = 0;
        long updated = 0;
        long removed = 0;
        rows.lock.readLock().lock();
        try {
            checkVersion();
            for (Change change : delta.values()) {
                if (change.isRemoval()) {
                    removed += !removeUnseenRows || change.existing().seenBy == generation ? 1 : 0;
                } else if (change.existing() == null) {
                    added++;
                } else {
                    updated++;
                }
            }
            if (removeUnseenRows) {
                for (TableRows.Entry entry : rows.rows.values()) {
                    removed += entry.seenBy != generation ? 1 : 0;
                }
            }
        } finally {
            rows.lock.readLock().unlock();
        }
        this.removeUnseen = removeUnseenRows;
        state = State.PREPARED;
        return new RefreshCounts(added, updated, unchanged, removed);
    }

    @Override
    public void commit(Cursor next, RefreshRun run) {
        Objects.requireNonNull(run, "run");
        requireState(State.PREPARED, "commit");
        rows.lock.writeLock().lock();
        try {
            checkVersion();
            checkFence();
            if (removeUnseen) {
                rows.rows.values().removeIf(entry -> entry.seenBy != generation);
            }
            for (Map.Entry<Key, Change> e : delta.entrySet()) {
                Change change = e.getValue();
                if (change.isRemoval()) {
                    rows.rows.remove(e.getKey());
                } else if (change.existing() != null) {
                    change.existing().values = change.values();
                } else {
                    rows.rows.put(e.getKey(), new TableRows.Entry(change.values(), generation));
                }
            }
            rows.cursor = next;
            history.save(run);
            rows.writer = null;
            state = State.COMMITTED;
        } finally {
            rows.lock.writeLock().unlock();
        }
        delta.clear();
    }

    @Override
    public void abort() {
        if (state == State.COMMITTED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        delta.clear();
        rows.lock.writeLock().lock();
        try {
            if (rows.writer == this) {
                rows.writer = null;
            }
        } finally {
            rows.lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void checkKey(Object[] values, long line) {
        for (int column : keyColumns) {
            Object value = values[column];
            if (value == null || value instanceof String s && s.isBlank()) {
                throw new IllegalArgumentException("the refresh key field '" + fieldNames.get(column)
                        + "' is blank" + (line > 0 ? " at line " + line : "") + " in table " + table);
            }
        }
    }

    /** Called under the table's write lock, before anything changes: a lost lease aborts the writer. */
    private void checkFence() {
        try {
            fence.run();
        } catch (RuntimeException e) {
            rows.writer = null;
            state = State.ABORTED;
            delta.clear();
            throw e;
        }
    }

    /** Called under the table's lock. */
    private void checkVersion() {
        if (rows.version != version) {
            throw ConnectionsException.conflict("The definition of table " + table + " changed, or the table was "
                    + "deleted, during the refresh; nothing of the refresh was kept. Refresh it again.");
        }
    }

    private void requireState(State expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " a refresh of table " + table + " that is "
                    + state.name().toLowerCase(Locale.ROOT)
                    + (expected == State.PREPARED && state == State.OPEN ? ": call prepare() first" : ""));
        }
    }
}
