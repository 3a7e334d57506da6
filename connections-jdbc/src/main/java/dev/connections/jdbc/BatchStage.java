package dev.connections.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Stages with batched INSERTs: H2, and PostgreSQL when the driver offers no COPY. Where the staging tables are not
 * temporary (H2) each batch is committed, so that a refresh's transaction holds only its changes to the table.
 * Used by one thread.
 */
final class BatchStage implements Stage {

    static final int BATCH = 1000;

    private final Connection connection;
    private final Dialect dialect;
    private final boolean commitBatches;
    private final DataTable table;
    private final int[] keys;
    private final boolean hashed;
    private final String rowsSql;
    private final String deletesSql;
    private PreparedStatement rows;
    private PreparedStatement deletes;
    private int pendingRows;
    private int pendingDeletes;

    BatchStage(Connection connection, StageTables stage, DataTable table) {
        this.connection = connection;
        this.dialect = stage.db().dialect();
        this.commitBatches = !stage.temporary();
        this.table = table;
        this.keys = table.keyIndexes();
        this.hashed = table.hashed();
        this.rowsSql = insert(stage.rows(), 2 + table.fields().size() + (hashed ? 1 : 0),
                StageMerge.stagedRecordColumns(table));
        this.deletesSql = insert(stage.deletes(), 1 + keys.length, "\"seq\", " + StageMerge.stageColumns(keys));
    }

    private static String insert(String table, int count, String columns) {
        return "INSERT INTO " + table + " (" + columns + ") VALUES ("
                + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    @Override
    public void row(long seq, long line, Object[] values, long hash) throws SQLException {
        if (rows == null) {
            rows = connection.prepareStatement(rowsSql);
        }
        rows.setLong(1, seq);
        rows.setLong(2, line);
        for (int i = 0; i < values.length; i++) {
            SqlValues.bind(rows, i + 3, dialect, table.type(i), values[i]);
        }
        if (hashed) {
            rows.setLong(values.length + 3, hash);
        }
        rows.addBatch();
        if (++pendingRows == BATCH) {
            flushRows();
        }
    }

    @Override
    public void delete(long seq, Object[] key) throws SQLException {
        if (deletes == null) {
            deletes = connection.prepareStatement(deletesSql);
        }
        deletes.setLong(1, seq);
        for (int i = 0; i < keys.length; i++) {
            SqlValues.bind(deletes, i + 2, dialect, table.type(keys[i]), key[i]);
        }
        deletes.addBatch();
        if (++pendingDeletes == BATCH) {
            flushDeletes();
        }
    }

    void flushRows() throws SQLException {
        if (pendingRows > 0) {
            rows.executeBatch();
            pendingRows = 0;
            commitBatch();
        }
    }

    void flushDeletes() throws SQLException {
        if (pendingDeletes > 0) {
            deletes.executeBatch();
            pendingDeletes = 0;
            commitBatch();
        }
    }

    private void commitBatch() throws SQLException {
        if (commitBatches) {
            connection.commit();
        }
    }

    @Override
    public void finish() throws SQLException {
        flushRows();
        flushDeletes();
        discard();
    }

    @Override
    public void discard() throws SQLException {
        pendingRows = 0;
        pendingDeletes = 0;
        try {
            close(rows);
        } finally {
            rows = null;
            close(deletes);
            deletes = null;
        }
    }

    private static void close(PreparedStatement statement) throws SQLException {
        if (statement != null) {
            statement.close();
        }
    }
}
