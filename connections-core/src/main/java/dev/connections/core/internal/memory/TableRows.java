package dev.connections.core.internal.memory;

import dev.connections.api.ConnectedTable;
import dev.connections.api.SourceField;
import dev.connections.spi.Cursor;
import dev.connections.spi.storage.RefreshWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The rows and the cursor of one connected table. Every field is guarded by {@link #lock}: readers and the writer's
 * look-ups take the read lock, whatever changes rows (a commit, a definition, a drop, growing the arrays) takes the
 * write lock, so a reader sees the rows of one commit or of the next, never a mix.
 *
 * <p>The rows are kept flat: slot {@code i} holds the row (its {@link RowCodec} bytes, or its array when a value does
 * not encode), the hash of its key and the generation of the last refresh that wrote it, in three arrays; an
 * open-addressing index maps key hashes to slots. Slots {@code [0, size)} are the committed rows, which readers see;
 * the refresh writing now appends the records it adds after them, where no reader looks, and commit makes them part
 * of the table by moving {@code size}: nothing is copied. Only the writer uses the index.
 */
final class TableRows {

    private static final int INITIAL_CAPACITY = 16;
    /**
     * The distance between the cells a look-up probes: odd, so that it visits every cell of the index, and one more
     * than the runs of 16 neighbouring cells that consecutive whole-number keys take ({@link RowCodec#keyHash}). With
     * a step of 1 a run whose cells another run took would probe through that run key by key (20 cells per key of
     * a million consecutive ids instead of 1.2); with 17 its keys move on together, one cell apart.
     */
    private static final int PROBE_STEP = 17;

    final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Per slot: the row as {@code byte[]} ({@link RowCodec}) or {@code Object[]}; null in a free slot. */
    Object[] data = new Object[INITIAL_CAPACITY];
    /** Per slot: the hash of the row's key. */
    int[] hashes = new int[INITIAL_CAPACITY];
    /** Per slot: the generation of the last refresh that wrote the row. */
    long[] seenBy = new long[INITIAL_CAPACITY];
    /** The number of committed rows, in slots {@code [0, size)}. */
    int size;
    /**
     * Probing by {@link #PROBE_STEP}; each cell is a slot + 1, 0 when empty. Its length is a power of two, at most 5/8
     * full.
     */
    private int[] index = new int[2 * INITIAL_CAPACITY];
    private int indexed;
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

    /** Matches a key against a kept row. */
    interface KeyMatch {
        boolean matches(Object row);
    }

    /**
     * @return the slot whose row has the key {@code match} accepts, committed or appended by the writer; -1 for none.
     *         Called by the writer under the read lock.
     */
    int find(int hash, KeyMatch match) {
        int mask = index.length - 1;
        for (int cell = hash & mask; ; cell = (cell + PROBE_STEP) & mask) {
            int slot = index[cell] - 1;
            if (slot < 0) {
                return -1;
            }
            if (hashes[slot] == hash && data[slot] != null && match.matches(data[slot])) {
                return slot;
            }
        }
    }

    /**
     * Puts a row in a free slot after the committed ones and indexes it. Called by the writer under the read lock,
     * after {@link #reserve} made room.
     */
    void append(int slot, Object row, int hash, long generation) {
        data[slot] = row;
        hashes[slot] = hash;
        seenBy[slot] = generation;
        if (++indexed * 8L > index.length * 5L) {
            index = new int[index.length * 2];
            reindex(slot + 1);
        } else {
            put(slot);
        }
    }

    /**
     * Makes room for slot {@code used}, growing the arrays by half under the write lock when they are full. Called by
     * the writer, holding no lock.
     */
    void reserve(int used) {
        if (used < data.length) {
            return;
        }
        lock.writeLock().lock();
        try {
            int capacity = Math.max(INITIAL_CAPACITY, used + (used >> 1));
            data = Arrays.copyOf(data, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
            seenBy = Arrays.copyOf(seenBy, capacity);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes the rows in slots {@code [0, used)} that are not null, in order, the committed rows, and indexes them
     * again. Called under the write lock.
     */
    void compact(int used) {
        int kept = 0;
        for (int slot = 0; slot < used; slot++) {
            if (data[slot] != null) {
                data[kept] = data[slot];
                hashes[kept] = hashes[slot];
                seenBy[kept] = seenBy[slot];
                kept++;
            }
        }
        Arrays.fill(data, kept, used, null);
        size = kept;
        rebuildIndex();
    }

    /** Forgets the rows a writer appended after the committed ones. Called under the write lock. */
    void discardAppended() {
        if (indexed > size) {
            Arrays.fill(data, size, data.length, null);
            rebuildIndex();
        }
    }

    /**
     * Alters the table to a changed definition (see {@link dev.connections.spi.storage.TableData#define}). Takes
     * the write lock.
     */
    void redefine(ConnectedTable table) {
        lock.writeLock().lock();
        try {
            Arrays.fill(data, size, data.length, null);
            if (!sameKey(table)) {
                clear();
            } else if (!fields.equals(table.fields())) {
                int[] from = columnSources(table.fields());
                int[] newKeyColumns = table.keyColumns();
                RowCodec codec = new RowCodec();
                for (int slot = 0; slot < size; slot++) {
                    Object[] old = RowCodec.values(data[slot], fields.size());
                    Object[] moved = new Object[from.length];
                    for (int i = 0; i < from.length; i++) {
                        moved[i] = from[i] < 0 ? null : old[from[i]];
                    }
                    data[slot] = codec.encodeKey(moved, newKeyColumns) && codec.encodeValues(moved)
                            ? codec.bytes() : moved;
                }
            }
            rebuildIndex();
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
            clear();
            cursor = null;
            dropped = true;
            version++;
            writer = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void clear() {
        data = new Object[INITIAL_CAPACITY];
        hashes = new int[INITIAL_CAPACITY];
        seenBy = new long[INITIAL_CAPACITY];
        size = 0;
        rebuildIndex();
    }

    /** Indexes the committed rows, in an index sized for them. */
    private void rebuildIndex() {
        int length = 2 * INITIAL_CAPACITY;
        while (size * 8L > length * 5L) {
            length *= 2;
        }
        index = new int[length];
        for (int slot = 0; slot < size; slot++) {
            put(slot);
        }
        indexed = size;
    }

    private void put(int slot) {
        int mask = index.length - 1;
        int cell = hashes[slot] & mask;
        while (index[cell] != 0) {
            cell = (cell + PROBE_STEP) & mask;
        }
        index[cell] = slot + 1;
    }

    private void reindex(int used) {
        for (int slot = 0; slot < used; slot++) {
            put(slot);
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
