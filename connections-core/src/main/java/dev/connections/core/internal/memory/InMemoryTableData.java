package dev.connections.core.internal.memory;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsException;
import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import dev.connections.spi.storage.FieldAlignment;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.TableData;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Rows of connected tables in memory, one {@link TableRows} with its own lock per table. Thread-safe.
 *
 * <p>A definition that changes a column's type keeps no values for it (they would be of the old type's class). A
 * refresh of a table that was never defined defines it first, and so does one whose definition differs from the
 * defined one (a change of the definition that stopped half-way). Only one refresh of a table may be open at a time: {@link #begin} fails with CONFLICT while another is.
 */
final class InMemoryTableData implements TableData {

    private final ConcurrentMap<TableId, TableRows> tables = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    private final InMemoryHistoryStore history;
    private final InMemoryLeases leases;

    InMemoryTableData(InMemoryHistoryStore history, InMemoryLeases leases) {
        this.history = history;
        this.leases = leases;
    }

    @Override
    public void define(ConnectedTable table) {
        while (true) {
            boolean[] created = {false};
            TableRows rows = tables.computeIfAbsent(table.id(), id -> {
                created[0] = true;
                return new TableRows(table);
            });
            if (created[0]) {
                return;
            }
            rows.redefine(table);
            if (!isDropped(rows)) {
                return;
            }
        }
    }

    @Override
    public RefreshWriter begin(ConnectedTable table, Lease fence) {
        Objects.requireNonNull(fence, "fence");
        if (!tables.containsKey(table.id())) {
            leases.checkHeld(fence); // a refresh that lost its lease lays out no storage (the table may be deleted)
        }
        TableRows rows = tables.computeIfAbsent(table.id(), id -> new TableRows(table));
        rows.lock.writeLock().lock();
        try {
            if (rows.dropped) {
                throw new IllegalStateException("table " + table.id() + " was dropped");
            }
            if (!rows.hasLayoutOf(table)) {
                // a change of the definition stopped between define and storing it: follow the stored definition,
                // unless this refresh lost its lease (its definition may be older than the holder's)
                leases.checkHeld(fence);
                rows.redefine(table);
            }
            if (rows.writer != null) {
                throw ConnectionsException.conflict("A refresh of table '" + table.name() + "' is already "
                        + "writing; wait for it to finish.");
            }
            RefreshWriter writer = new InMemoryRefreshWriter(table.id(), rows, rows.version,
                    generations.incrementAndGet(), history, () -> leases.checkHeld(fence));
            rows.writer = writer;
            return writer;
        } finally {
            rows.lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<Cursor> cursor(TableId table) {
        TableRows rows = tables.get(table);
        if (rows == null) {
            return Optional.empty();
        }
        rows.lock.readLock().lock();
        try {
            return Optional.ofNullable(rows.cursor);
        } finally {
            rows.lock.readLock().unlock();
        }
    }

    /** Streams a snapshot of the rows taken at once; each row is decoded (or copied) as it is read. */
    @Override
    public Stream<Object[]> rows(TableId table) {
        return rows(table, null);
    }

    @Override
    public Stream<Object[]> rows(ConnectedTable table) {
        return rows(table.id(), table);
    }

    /** @param wanted the definition to align the rows with; null for the layout they are stored with */
    private Stream<Object[]> rows(TableId table, ConnectedTable wanted) {
        TableRows rows = tables.get(table);
        if (rows == null) {
            return Stream.empty();
        }
        int fields;
        FieldAlignment alignment;
        Object[] snapshot;
        rows.lock.readLock().lock();
        try {
            fields = rows.fields.size();
            alignment = FieldAlignment.of(rows.fields, wanted == null ? rows.fields : wanted.fields());
            snapshot = Arrays.copyOf(rows.data, rows.size);
        } finally {
            rows.lock.readLock().unlock();
        }
        return Arrays.stream(snapshot).map(row -> alignment.align(RowCodec.values(row, fields)));
    }

    @Override
    public long count(TableId table) {
        TableRows rows = tables.get(table);
        if (rows == null) {
            return 0;
        }
        rows.lock.readLock().lock();
        try {
            return rows.size;
        } finally {
            rows.lock.readLock().unlock();
        }
    }

    @Override
    public void drop(TableId table) {
        TableRows rows = tables.remove(table);
        if (rows != null) {
            rows.drop();
        }
    }

    private static boolean isDropped(TableRows rows) {
        rows.lock.readLock().lock();
        try {
            return rows.dropped;
        } finally {
            rows.lock.readLock().unlock();
        }
    }
}
