package dev.connections.jdbc;

import dev.connections.api.FieldType;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.LeaseLostException;
import dev.connections.spi.storage.RefreshWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One refresh of one table in one transaction on one connection: records and deletions go to staging tables as
 * they come ({@link CopyStage} or {@link BatchStage}), {@link #prepare} merges them into the table
 * ({@link StageMerge}), {@link #commit} checks the refresh's lease (its fence, {@link Leases#fence}), adds the
 * cursor and the history entry and commits. The first load of an empty table compares nothing: on H2 the records go
 * straight into the table ({@link InsertStage}), on PostgreSQL from the staging table by one insert
 * ({@link StageMerge#load}). Until then nobody sees a change; {@link #abort} rolls everything back.
 *
 * <p>A table that has rows is refreshed by sending only what changes: when the writer begins it reads the stored
 * refresh keys and row hashes ({@link KeyIndex}), a record whose key is stored with the record's own hash is
 * counted unchanged and not staged, and with REMOVE the stored keys that no record named are staged as deletions.
 * A deletion from the connector turns this off for the records after it (the staging tables then decide which of a
 * key's writes came last). A table whose keys cannot be held, or would take more memory than the budget, is
 * refreshed by staging every record. Used by one thread.
 */
final class JdbcRefreshWriter implements RefreshWriter {

    private enum State { WRITING, PREPARED, DONE }

    private final Database db;
    private final DataTable table;
    private final Catalog catalog;
    private final JdbcHistoryStore history;
    private final Leases.Fence fence;
    private final Connection connection;
    /** The staging tables; null when the records go straight into the empty table. */
    private final StageTables tables;
    private final Stage stage;
    private final int[] keys;
    /** The Java class of each field's values, by field: checked for every record. */
    private final Class<?>[] javaTypes;
    private final long seed;
    /** The stored keys and hashes; null when every record is staged, and after {@link #prepare}. */
    private KeyIndex known;
    private final Object[] keyScratch;
    private State state = State.WRITING;
    private long seq;
    private long staged;
    /** Deletions staged, the connector's and REMOVE's: after the connector's first one no record is skipped. */
    private long stagedDeletes;
    /** Records found stored with their own hash, counted unchanged without being staged. */
    private long skipped;

    /**
     * @param keyBudget the most memory the stored keys and hashes may take ({@link KeyIndex}); over it, every record
     *                  is staged
     */
    JdbcRefreshWriter(Database db, DataTable table, Catalog catalog, JdbcHistoryStore history, Leases.Fence fence,
                      long keyBudget) {
        this.db = db;
        this.fence = fence;
        this.table = table;
        this.catalog = catalog;
        this.history = history;
        this.keys = table.keyIndexes();
        this.javaTypes = table.fields().stream().map(f -> f.type().javaType()).toArray(Class<?>[]::new);
        this.seed = table.hashSeed();
        this.keyScratch = new Object[keys.length];
        Connection c = null;
        try {
            c = db.open();
            if (db.dialect() == Dialect.H2) {
                c.setAutoCommit(false);
                if (InsertStage.isEmpty(c, db, table)) {
                    this.connection = c;
                    this.tables = null;
                    this.known = null;
                    this.stage = new InsertStage(c, db, table);
                    return;
                }
                c.rollback();
            }
            StageTables staging = StageTables.next(db);
            // temporary tables belong to the transaction; H2's ordinary ones are created before it
            c.setAutoCommit(!staging.temporary());
            JdbcTableData.execute(c, staging.create(staging.rowsName(),
                    StageMerge.stageDefinitions(db.dialect(), table, table.all(), true)));
            JdbcTableData.execute(c, staging.create(staging.deletesName(),
                    StageMerge.stageDefinitions(db.dialect(), table, keys, false)));
            c.setAutoCommit(false);
            this.connection = c;
            this.tables = staging;
            this.known = table.hashed() && KeyIndex.holds(table) ? KeyIndex.read(c, db, table, keyBudget) : null;
            this.stage = stageFor(c);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                Database.rollbackQuietly(c, e);
                closeQuietly(c, e);
            }
            throw e instanceof SQLException sql ? db.failure("begin a refresh of table " + table.id(), sql)
                    : (RuntimeException) e;
        }
    }

    /**
     * @return the most memory the stored keys may take by default: a quarter of the heap, at least 16 MB, so that a
     *         table far larger than the heap is refreshed by staging every record instead
     */
    static long defaultKeyBudget() {
        return Math.min(Integer.MAX_VALUE / 2, Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    private Stage stageFor(Connection c) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            try {
                Stage copy = CopyStage.tryCreate(c, tables, table);
                if (copy != null) {
                    return copy;
                }
            } catch (LinkageError noPgjdbc) {
                // the host's PostgreSQL driver is not pgjdbc: batched inserts work with any driver
            }
        }
        return new BatchStage(c, tables, table);
    }

    @Override
    public void upsert(Row row) {
        expect(State.WRITING, "upsert");
        Object[] values = row.values();
        if (values.length != javaTypes.length) {
            throw new IllegalArgumentException("a row of table " + table.id() + " needs " + table.fields().size()
                    + " values, one per connected field, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            checkType(i, values[i]);
        }
        for (int k : keys) {
            checkKey(k, values[k], row.line());
        }
        long hash = table.hashed() ? RowHash.of(seed, values) : 0;
        if (known != null && skip(values, hash, row.line())) {
            return;
        }
        try {
            stage.row(++seq, row.line(), values, hash);
        } catch (SQLException e) {
            throw db.failure("stage a record of table " + table.id(), e);
        }
        staged++;
    }

    /**
     * @return whether the record is stored as it is, so that it needs no write
     * @throws DuplicateKeyException when an earlier record of this refresh had the same stored key
     */
    private boolean skip(Object[] values, long hash, long line) {
        for (int i = 0; i < keys.length; i++) {
            keyScratch[i] = values[keys[i]];
        }
        int entry = known.entry(keyScratch);
        if (entry < 0) {
            // a new key: staged, where the staged records' unique index finds a repeat
            return false;
        }
        if (known.is(entry, KeyIndex.SEEN)) {
            throw firstRepeat(keyScratch.clone(), line);
        }
        known.set(entry, KeyIndex.SEEN);
        if (stagedDeletes > 0 || !known.unchanged(entry, hash)) {
            return false;
        }
        known.set(entry, KeyIndex.SKIPPED);
        skipped++;
        return true;
    }

    /**
     * @return the duplicate to report for a record repeating a stored key: a record staged before it may already
     *         repeat a new key, and the first repeat in the order of the records is the one to name
     */
    private DuplicateKeyException firstRepeat(Object[] key, long line) {
        try {
            stage.finish();
            DuplicateKeyException earlier = new StageMerge(connection, tables, table).firstRepeat();
            return earlier != null ? earlier : new DuplicateKeyException(key, line);
        } catch (SQLException e) {
            throw db.failure("look for a repeated key among the staged records of table " + table.id(), e);
        }
    }

    @Override
    public void delete(Object[] key) {
        expect(State.WRITING, "delete");
        if (key.length != keys.length) {
            throw new IllegalArgumentException("a refresh key of table " + table.id() + " has " + keys.length
                    + " values, not " + key.length);
        }
        for (int i = 0; i < keys.length; i++) {
            checkType(keys[i], key[i]);
            checkKey(keys[i], key[i], 0);
        }
        if (known != null) {
            int entry = known.entry(key);
            if (entry >= 0 && known.is(entry, KeyIndex.SKIPPED)) {
                // the record counted unchanged is deleted after all: counted removed instead
                known.clear(entry, KeyIndex.SKIPPED);
                skipped--;
            }
        }
        try {
            stage.delete(++seq, key.clone());
            stagedDeletes++;
        } catch (SQLException e) {
            throw db.failure("stage a deletion in table " + table.id(), e);
        }
    }

    private void checkType(int field, Object value) {
        if (value != null && !javaTypes[field].isInstance(value)) {
            FieldType type = table.type(field);
            throw new IllegalArgumentException("field '" + table.fields().get(field).name() + "' of table "
                    + table.id() + " is " + type + ", so its values must be " + type.javaType().getSimpleName()
                    + ", not " + value.getClass().getName());
        }
    }

    private void checkKey(int field, Object value, long line) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("the refresh key field '" + table.fields().get(field).name()
                    + "' of table " + table.id() + " is blank" + (line > 0 ? " at line " + line : "")
                    + "; every record needs a value in each refresh key field");
        }
    }

    @Override
    public RefreshCounts prepare(boolean removeUnseen) {
        expect(State.WRITING, "prepare");
        RefreshCounts counts;
        try {
            boolean indexed = known != null;
            long stored = indexed ? known.size() : 0;
            boolean removeByKey = removeUnseen && indexed;
            if (removeByKey) {
                stageUnseen();
            }
            // the stored keys are not needed any more: let them go before the database's work
            known = null;
            stage.finish();
            if (stage instanceof InsertStage load) {
                requireTable();
                counts = load.counts();
            } else if (tables.temporary() && stagedDeletes == 0 && InsertStage.isEmpty(connection, db, table)) {
                requireTable();
                counts = new StageMerge(connection, tables, table).load();
            } else {
                StageMerge merge = new StageMerge(connection, tables, table);
                merge.index(stagedDeletes > 0);
                if (indexed && (staged + stagedDeletes) * 16 < stored) {
                    merge.probeByIndex();
                }
                // after the indexes: DDL commits on H2, and would release the lock
                requireTable();
                counts = merge.merge(staged + skipped, stagedDeletes > 0, removeUnseen && !removeByKey);
                if (indexed) {
                    merge.rehash();
                }
            }
        } catch (SQLException e) {
            throw db.failure("apply a refresh to table " + table.id(), e);
        }
        state = State.PREPARED;
        return counts;
    }

    /**
     * Stages a deletion of each stored key that no record of this refresh had: what REMOVE takes away. They come
     * first in the order of writes (seq 0), so that a staged record the database holds equal to one of them (in a
     * database set to compare text ignoring case, say) wins over it, as its key was seen.
     */
    private void stageUnseen() throws SQLException {
        for (int entry = 0; entry < known.size(); entry++) {
            if (!known.is(entry, KeyIndex.SEEN)) {
                stage.delete(0, known.key(entry));
                stagedDeletes++;
            }
        }
    }

    /** Locks the table's catalog entry until the commit; fails when the table was dropped meanwhile. */
    private void requireTable() throws SQLException {
        if (catalog.load(connection, table.id(), true).isEmpty()) {
            throw new IllegalStateException("table " + table.id() + " was dropped while it was being "
                    + "refreshed; nothing was written");
        }
    }

    @Override
    public void commit(Cursor next, RefreshRun run) {
        if (state == State.WRITING) {
            prepare(false);
        }
        expect(State.PREPARED, "commit");
        try {
            checkFence();
            catalog.setCursor(connection, table.id(), next);
            history.save(connection, run);
            connection.commit();
        } catch (SQLException e) {
            JdbcStorageException failure = db.failure("commit a refresh of table " + table.id(), e);
            abort();
            throw failure;
        }
        state = State.DONE;
        release();
    }

    /** Locks the lease's row in this transaction and refuses the commit (aborted) unless the lease still holds. */
    private void checkFence() throws SQLException {
        try {
            fence.check(connection);
        } catch (LeaseLostException e) {
            abort();
            throw e;
        }
    }

    /** @return the records sent to the staging tables so far (the others were found stored as they are) */
    long stagedRecords() {
        return staged;
    }

    @Override
    public void abort() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        try {
            stage.discard();
            connection.rollback();
        } catch (SQLException e) {
            throw db.failure("roll back a refresh of table " + table.id(), e);
        } finally {
            release();
        }
    }

    /** Drops the staging tables that are not temporary and returns the connection. */
    private void release() {
        try (Connection c = connection) {
            c.setAutoCommit(true);
            for (String drop : tables == null ? List.<String>of() : tables.drop()) {
                JdbcTableData.execute(c, drop);
            }
        } catch (SQLException e) {
            throw db.failure("release the connection of a refresh of table " + table.id(), e);
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void expect(State expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " in a refresh writer that is "
                    + (state == State.DONE ? "committed or aborted" : "prepared") + "; begin a new refresh");
        }
    }

    private static void closeQuietly(Connection c, Exception failure) {
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
