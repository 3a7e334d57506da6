package dev.connections.core.internal;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.TableUpdates;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.storage.RefreshWriter;

/**
 * Takes what a connector reads and passes it to the storage's writer: checks the refresh key, applies the filter
 * again (so a record edited out of the filter leaves the table on an incremental read), reports progress and stops
 * the read when the refresh lease was lost. Used by the one thread that runs the read.
 */
final class EngineSink implements RecordSink {

    private static final int PROGRESS_EVERY = 10_000;

    private final Shared shared;
    private final ConnectedTable table;
    private final String runId;
    private final RefreshWriter writer;
    private final Filter.RowPredicate filter;
    private final int[] keyColumns;
    private final boolean removeFiltered;
    private final boolean applyDeletions;
    private final LeaseKeeper lease;
    private long read;

    EngineSink(Shared shared, ConnectedTable table, String runId, RefreshWriter writer, ReadMode mode,
               LeaseKeeper lease) {
        this.shared = shared;
        this.table = table;
        this.runId = runId;
        this.writer = writer;
        this.filter = table.filter().compile(table.fields());
        this.keyColumns = table.keyColumns();
        boolean remove = table.tableUpdates() == TableUpdates.REMOVE;
        // In a full read, records outside the filter are simply not written and REMOVE drops them as unseen.
        this.removeFiltered = remove && mode == ReadMode.INCREMENTAL;
        this.applyDeletions = remove;
        this.lease = lease;
    }

    @Override
    public void accept(Row row) {
        Object[] values = row.values();
        if (values.length != table.fields().size()) {
            throw new IllegalStateException("the connector delivered a row of " + values.length
                    + " values for " + table.fields().size() + " fields");
        }
        lease.check();
        checkKey(values, row.line());
        if (filter.test(values)) {
            writer.upsert(row);
        } else if (removeFiltered) {
            writer.delete(key(values));
        }
        if (++read % PROGRESS_EVERY == 0) {
            progress();
        }
    }

    @Override
    public void deleted(Object... key) {
        lease.check();
        if (applyDeletions) {
            writer.delete(key);
        }
    }

    private void checkKey(Object[] values, long line) {
        for (int k : keyColumns) {
            Object v = values[k];
            if (v == null || v instanceof String s && s.isBlank()) {
                String where = table.object() + (line > 0 ? " line " + line : "");
                throw ConnectorException.invalidData(where, "the refresh key field '" + table.fields().get(k).name()
                        + "' is blank. Every record needs a value in each refresh key field: fix the source, or "
                        + "choose a refresh key whose fields are never blank.");
            }
        }
    }

    private Object[] key(Object[] values) {
        Object[] key = new Object[keyColumns.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[keyColumns[i]];
        }
        return key;
    }

    private void progress() {
        shared.events().publish(new ConnectionsEvent.RefreshProgress(table.id(), runId, read,
                shared.clock().instant()));
    }
}
