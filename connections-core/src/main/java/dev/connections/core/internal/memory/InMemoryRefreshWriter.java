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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One refresh of one in-memory table. The records it adds go into free slots after the table's committed rows, where
 * readers do not look; the new values of records it changes and the records it deletes wait in an array by slot; at
 * commit, under the table's write lock, the changed values take their slots' places and the table's row count moves
 * over the added ones, so readers see the table before or after the refresh, never between, and nothing is copied.
 * Rows it writes with unchanged values are only stamped with this refresh's generation, which is also how it finds
 * the duplicates of stored keys and, with REMOVE, the rows it did not see.
 *
 * <p>Used by one thread, as every {@link RefreshWriter}. Row arrays are encoded ({@link RowCodec}), or taken over,
 * not copied, when a value does not encode.
 */
final class InMemoryRefreshWriter implements RefreshWriter {

    private enum State { OPEN, PREPARED, COMMITTED, ABORTED }

    /** In {@link #replacements}: the committed row of that slot is deleted by this refresh. */
    private static final Object REMOVED = new Object();

    private final TableId table;
    private final TableRows rows;
    private final long version;
    private final long generation;
    private final InMemoryHistoryStore history;
    /** Throws {@link dev.connections.spi.storage.LeaseLostException} unless the refresh's lease still holds. */
    private final Runnable fence;
    private final List<String> fieldNames;
    private final int[] keyColumns;
    private final int[] keyOrder;
    private final RowCodec codec = new RowCodec();
    private final Probe probe = new Probe();
    /** The committed rows when the refresh began; they keep slots {@code [0, committed)} until it commits. */
    private final int committed;
    /** Slots {@code [committed, committed + appended)} hold the rows this refresh adds (null: added, then deleted). */
    private int appended;
    /** Per committed slot, null until this refresh changes a row: its new row, or {@link #REMOVED}. */
    private Object[] replacements;
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
        this.keyOrder = IntStream.range(0, keyColumns.length).toArray();
        this.committed = rows.size;
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
        int hash = probe.key(values, keyColumns);
        boolean encoded = probe.encoded && codec.encodeValues(values);
        rows.reserve(committed + appended);
        rows.lock.readLock().lock();
        try {
            checkVersion();
            int slot = rows.find(hash, probe);
            if (slot < 0) {
                rows.append(committed + appended++, encoded ? codec.bytes() : values, hash, generation);
            } else if (slot >= committed || rows.seenBy[slot] == generation) {
                throw new DuplicateKeyException(probe.keyValues(), row.line());
            } else {
                rows.seenBy[slot] = generation;
                Object kept = rows.data[slot];
                if (encoded && kept instanceof byte[] bytes && codec.sameBytes(bytes)
                        || SameValues.same(RowCodec.values(kept, values.length), values)) {
                    unchanged++;
                    replace(slot, null);
                } else {
                    replace(slot, encoded ? codec.bytes() : values);
                }
            }
        } finally {
            rows.lock.readLock().unlock();
        }
    }

    @Override
    public void delete(Object[] key) {
        requireState(State.OPEN, "delete from");
        if (key.length != keyColumns.length) {
            throw new IllegalArgumentException("the refresh key of table " + table + " has " + keyColumns.length
                    + " values, not " + key.length);
        }
        int hash = probe.key(key, keyOrder);
        rows.lock.readLock().lock();
        try {
            checkVersion();
            int slot = rows.find(hash, probe);
            if (slot >= committed) {
                rows.data[slot] = null;
            } else if (slot >= 0) {
                if (rows.seenBy[slot] == generation && replacement(slot) == null) {
                    unchanged--;
                }
                replace(slot, REMOVED);
            }
        } finally {
            rows.lock.readLock().unlock();
        }
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
            for (int slot = committed; slot < committed + appended; slot++) {
                added += rows.data[slot] != null ? 1 : 0;
            }
            if (replacements != null || removeUnseenRows) {
                for (int slot = 0; slot < committed; slot++) {
                    Object replacement = replacement(slot);
                    if (replacement == REMOVED || removeUnseenRows && rows.seenBy[slot] != generation) {
                        removed++;
                    } else if (replacement != null) {
                        updated++;
                    }
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
            apply();
            rows.cursor = next;
            history.save(run);
            rows.writer = null;
            state = State.COMMITTED;
        } finally {
            rows.lock.writeLock().unlock();
        }
        replacements = null;
    }

    /** Puts this refresh's rows in the table. Called under the write lock. */
    private void apply() {
        boolean gaps = false;
        if (replacements != null || removeUnseen) {
            for (int slot = 0; slot < committed; slot++) {
                Object replacement = replacement(slot);
                if (replacement == REMOVED || removeUnseen && rows.seenBy[slot] != generation) {
                    rows.data[slot] = null;
                    gaps = true;
                } else if (replacement != null) {
                    rows.data[slot] = replacement;
                }
            }
        }
        for (int slot = committed; slot < committed + appended && !gaps; slot++) {
            gaps = rows.data[slot] == null;
        }
        if (gaps) {
            rows.compact(committed + appended);
        } else {
            rows.size = committed + appended;
        }
    }

    @Override
    public void abort() {
        if (state == State.COMMITTED || state == State.ABORTED) {
            return;
        }
        state = State.ABORTED;
        replacements = null;
        rows.lock.writeLock().lock();
        try {
            if (rows.writer == this) {
                rows.discardAppended();
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
            abort(); // the write lock is reentrant: the appended rows go, the table stays as it was
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

    private Object replacement(int slot) {
        return replacements == null ? null : replacements[slot];
    }

    private void replace(int slot, Object replacement) {
        if (replacements == null) {
            if (replacement == null) {
                return;
            }
            replacements = new Object[committed];
        }
        replacements[slot] = replacement;
    }

    /**
     * The key being looked up: its encoded form in {@link #codec} (when its values encode) and its values, matched
     * against kept rows by {@link TableRows#find}.
     */
    private final class Probe implements TableRows.KeyMatch {
        private Object[] values;
        private int[] columns;
        boolean encoded;

        /** @return the key's hash, after encoding it (the start of a row) in the codec */
        int key(Object[] source, int[] sourceColumns) {
            this.values = source;
            this.columns = sourceColumns;
            this.encoded = codec.encodeKey(source, sourceColumns);
            if (encoded) {
                return codec.keyHash();
            }
            int h = 1;
            for (int column : sourceColumns) {
                h = 31 * h + SameValues.hash(source[column]);
            }
            return h;
        }

        @Override
        public boolean matches(Object row) {
            if (row instanceof byte[] bytes) {
                return encoded && codec.sameKey(bytes);
            }
            Object[] kept = (Object[]) row;
            for (int i = 0; i < columns.length; i++) {
                if (!SameValues.same(values[columns[i]], kept[keyColumns[i]])) {
                    return false;
                }
            }
            return true;
        }

        Object[] keyValues() {
            Object[] key = new Object[columns.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = values[columns[i]];
            }
            return key;
        }
    }
}
