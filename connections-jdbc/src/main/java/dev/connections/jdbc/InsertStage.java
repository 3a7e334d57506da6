package dev.connections.jdbc;

import dev.connections.api.RefreshCounts;
import dev.connections.spi.storage.DuplicateKeyException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first load of an empty table on H2: records go straight into the connected table by batched INSERTs in the
 * writer's transaction, with no staging table and nothing to compare, the fastest way into H2 (its DDL and the batch
 * commits of a staging table each make H2 save its store). Nobody sees a row before the writer commits; an abort
 * rolls them back. The table's primary key finds a repeated refresh key; a deletion deletes from the table at once,
 * which can only hit a record of this refresh: a key's last write wins, as with staging. Used by one thread.
 */
final class InsertStage implements Stage {

    private final Connection connection;
    private final Dialect dialect;
    private final DataTable table;
    private final int[] keys;
    private final boolean hashed;
    private final String insertSql;
    private final String deleteSql;
    private PreparedStatement inserts;
    private PreparedStatement deletes;
    /** The refresh key values and source line of each record in the batch, to name a repeated key. */
    private final List<Object[]> batchKeys = new ArrayList<>(BatchStage.BATCH);
    private final long[] batchLines = new long[BatchStage.BATCH];
    private long inserted;
    private long deleted;

    InsertStage(Connection connection, Database db, DataTable table) {
        this.connection = connection;
        this.dialect = db.dialect();
        this.table = table;
        this.keys = table.keyIndexes();
        this.hashed = table.hashed();
        String target = db.table(table.sqlName());
        this.insertSql = "INSERT INTO " + target + " (" + table.quotedWithHash() + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.fields().size() + (hashed ? 1 : 0), "?")) + ")";
        List<String> match = new ArrayList<>();
        for (int k : keys) {
            match.add(Database.quote(table.columns().get(k)) + " = ?");
        }
        this.deleteSql = "DELETE FROM " + target + " WHERE " + String.join(" AND ", match);
    }

    /** @return whether the table holds no row, as the writer's transaction sees it */
    static boolean isEmpty(Connection connection, Database db, DataTable table) throws SQLException {
        try (Statement s = connection.createStatement();
             var rs = s.executeQuery("SELECT 1 FROM " + db.table(table.sqlName()) + " FETCH FIRST 1 ROWS ONLY")) {
            return !rs.next();
        }
    }

    @Override
    public void row(long seq, long line, Object[] values, long hash) throws SQLException {
        if (inserts == null) {
            inserts = connection.prepareStatement(insertSql);
        }
        for (int i = 0; i < values.length; i++) {
            SqlValues.bind(inserts, i + 1, dialect, table.type(i), values[i]);
        }
        if (hashed) {
            inserts.setLong(values.length + 1, hash);
        }
        inserts.addBatch();
        Object[] key = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            key[i] = values[keys[i]];
        }
        batchLines[batchKeys.size()] = line;
        batchKeys.add(key);
        if (batchKeys.size() == BatchStage.BATCH) {
            flush();
        }
    }

    @Override
    public void delete(long seq, Object[] key) throws SQLException {
        flush();
        if (deletes == null) {
            deletes = connection.prepareStatement(deleteSql);
        }
        for (int i = 0; i < keys.length; i++) {
            SqlValues.bind(deletes, i + 1, dialect, table.type(keys[i]), key[i]);
        }
        deleted += deletes.executeLargeUpdate();
    }

    private void flush() throws SQLException {
        if (batchKeys.isEmpty()) {
            return;
        }
        try {
            inserts.executeLargeBatch();
        } catch (BatchUpdateException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            long[] counts = e.getLargeUpdateCounts();
            int failed = 0;
            while (failed < counts.length && counts[failed] != Statement.EXECUTE_FAILED) {
                failed++;
            }
            failed = Math.min(failed, batchKeys.size() - 1);
            throw new DuplicateKeyException(batchKeys.get(failed), batchLines[failed]);
        }
        inserted += batchKeys.size();
        batchKeys.clear();
    }

    @Override
    public void finish() throws SQLException {
        flush();
        discard();
    }

    /** @return what the load did, after {@link #finish}: every record that stayed was added */
    RefreshCounts counts() {
        return new RefreshCounts(inserted - deleted, 0, 0, 0);
    }

    @Override
    public void discard() throws SQLException {
        batchKeys.clear();
        PreparedStatement i = inserts;
        PreparedStatement d = deletes;
        inserts = null;
        deletes = null;
        try {
            if (i != null) {
                i.close();
            }
        } finally {
            if (d != null) {
                d.close();
            }
        }
    }
}
