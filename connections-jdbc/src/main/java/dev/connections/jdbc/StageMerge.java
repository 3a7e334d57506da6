package dev.connections.jdbc;

import dev.connections.api.FieldType;
import dev.connections.api.RefreshCounts;
import dev.connections.spi.storage.DuplicateKeyException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The SQL that turns the staged records and deletions of a refresh into changes of the connected table, inside the
 * writer's transaction: finds duplicate refresh keys, lets a later deletion or record of a key win over an earlier
 * one, removes, updates only the rows whose values differ, inserts the new ones, and counts each. Nothing here holds
 * keys in memory. Used by one thread.
 */
final class StageMerge {

    /** The staged records' column of their {@link RowHash}, where the table keeps hashes. */
    static final String HASH = "\"h\"";

    private final Connection connection;
    private final Dialect dialect;
    private final StageTables stage;
    private final DataTable table;
    private final String target;
    private final String rows;
    private final String deletes;
    private final int[] keys;
    private final int[] values;
    /** The staged columns that the table's columns ({@link DataTable#quotedWithHash}) are inserted from. */
    private final String insertValues;

    StageMerge(Connection connection, StageTables stage, DataTable table) {
        this.connection = connection;
        this.dialect = stage.db().dialect();
        this.stage = stage;
        this.table = table;
        this.target = stage.db().table(table.sqlName());
        this.rows = stage.rows();
        this.deletes = stage.deletes();
        this.keys = table.keyIndexes();
        boolean[] isKey = new boolean[table.fields().size()];
        for (int k : keys) {
            isKey[k] = true;
        }
        this.values = IntStream.range(0, isKey.length).filter(i -> !isKey[i]).toArray();
        this.insertValues = prefixed("s", table.all()) + (table.hashed() ? ", s." + HASH : "");
    }

    private static String hashColumn() {
        return Database.quote(DataTable.HASH_COLUMN);
    }

    /** @return the columns a staged record is written to, in order: seq, line, each field's, and the hash if kept */
    static String stagedRecordColumns(DataTable table) {
        return "\"seq\", \"line\", " + stageColumns(table.all()) + (table.hashed() ? ", " + HASH : "");
    }

    /** @return the quoted staging columns of field positions, separated by commas */
    static String stageColumns(int[] positions) {
        List<String> names = new ArrayList<>();
        for (int p : positions) {
            names.add(stageColumn(p));
        }
        return String.join(", ", names);
    }

    static String stageColumn(int position) {
        return "\"c" + position + "\"";
    }

    /** The columns for staging tables: seq, line (records only), then one per field position. */
    static List<String> stageDefinitions(Dialect dialect, DataTable table, int[] positions, boolean withLine) {
        List<String> columns = new ArrayList<>();
        columns.add("\"seq\" bigint NOT NULL");
        if (withLine) {
            columns.add("\"line\" bigint NOT NULL");
        }
        int[] keys = table.keyIndexes();
        for (int p : positions) {
            boolean key = IntStream.of(keys).anyMatch(k -> k == p);
            columns.add(stageColumn(p) + " " + dialect.columnType(table.type(p), key));
        }
        if (withLine && table.hashed()) {
            columns.add(HASH + " bigint NOT NULL");
        }
        return columns;
    }

    /**
     * @param staged     records staged
     * @param hasDeletes whether deletions were staged
     * @return what the changes did
     */
    RefreshCounts merge(long staged, boolean hasDeletes, boolean removeUnseen) throws SQLException {
        long records = staged;
        if (hasDeletes) {
            // a key's last write wins: a deletion after its record removes the record, a record after a deletion stays
            records -= update("DELETE FROM " + rows + " s WHERE EXISTS (SELECT 1 FROM " + deletes + " d WHERE "
                    + match("s", "d", false) + " AND d.\"seq\" > s.\"seq\")");
            update("DELETE FROM " + deletes + " d WHERE EXISTS (SELECT 1 FROM " + rows + " s WHERE "
                    + match("s", "d", false) + " AND s.\"seq\" > d.\"seq\")");
        }
        if (dialect == Dialect.POSTGRESQL) {
            // autovacuum never analyses temporary tables; without statistics the planner guesses badly
            execute("ANALYZE " + rows);
            if (hasDeletes) {
                execute("ANALYZE " + deletes);
            }
        }
        long removed = 0;
        if (hasDeletes) {
            removed += update("DELETE FROM " + target + " t WHERE EXISTS (SELECT 1 FROM " + deletes + " d WHERE "
                    + match("t", "d", true) + ")");
        }
        if (removeUnseen) {
            removed += update("DELETE FROM " + target + " t WHERE NOT EXISTS (SELECT 1 FROM " + rows + " s WHERE "
                    + match("t", "s", true) + ")");
        }
        long updated = values.length == 0 ? 0 : update(updateChanged());
        long added = update("INSERT INTO " + target + " (" + table.quotedWithHash() + ") SELECT "
                + insertValues + " FROM " + rows + " s WHERE NOT EXISTS (SELECT 1 FROM " + target
                + " t WHERE " + match("t", "s", true) + ")");
        return new RefreshCounts(added, updated, records - added - updated, removed);
    }

    /**
     * The first load of an empty table, with no deletion staged: every staged record is added by one
     * {@code INSERT ... SELECT}, with nothing to compare or remove and no index on the staged records; the table's
     * primary key finds a repeated refresh key, which is then looked up in the staged records (under a savepoint, as
     * a failed statement spoils a PostgreSQL transaction). Call instead of {@link #index} and {@link #merge}.
     *
     * @throws DuplicateKeyException when two staged records have one refresh key
     */
    RefreshCounts load() throws SQLException {
        long added = keyChecked("INSERT INTO " + target + " (" + table.quotedWithHash() + ") SELECT "
                + insertValues + " FROM " + rows + " s");
        return new RefreshCounts(added, 0, 0, 0);
    }

    /**
     * Indexes the staged records by refresh key, uniquely: the index serves the joins, and building it finds
     * duplicate keys without a pass of its own. On PostgreSQL a failed statement spoils the transaction, so the
     * index is built under a savepoint; on H2 the DDL commits, which only commits staged rows. Call before
     * {@link #merge}.
     *
     * @throws DuplicateKeyException when two staged records have one refresh key
     */
    void index(boolean hasDeletes) throws SQLException {
        if (hasDeletes) {
            execute(stage.index(stage.deletesName(), stageColumns(keys) + ", \"seq\"", false));
        }
        String ddl = stage.index(stage.rowsName(), stageColumns(keys), true);
        if (dialect == Dialect.H2) {
            try {
                execute(ddl);
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw duplicate();
                }
                throw e;
            }
            return;
        }
        keyChecked(ddl);
    }

    /**
     * Runs a statement that a repeated refresh key fails, under a savepoint (on PostgreSQL a failed statement spoils
     * the transaction).
     *
     * @return its update count
     * @throws DuplicateKeyException when it failed on a repeated key
     */
    private long keyChecked(String sql) throws SQLException {
        Savepoint before = connection.setSavepoint();
        try {
            long count = update(sql);
            connection.releaseSavepoint(before);
            return count;
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(before);
            throw duplicate();
        }
    }

    /** @return the exception for the first record that repeats an earlier record's key; there must be one */
    private DuplicateKeyException duplicate() throws SQLException {
        DuplicateKeyException first = firstRepeat();
        if (first == null) {
            throw new IllegalStateException("the staged records of table " + table.id() + " failed their unique "
                    + "index but repeat no refresh key");
        }
        return first;
    }

    /**
     * @return the exception for the first staged record that repeats an earlier staged record's key, or null when
     *         none does
     */
    DuplicateKeyException firstRepeat() throws SQLException {
        String keyColumns = stageColumns(keys);
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + keyColumns + ", \"line\" FROM (SELECT " + keyColumns
                     + ", \"line\", \"seq\", ROW_NUMBER() OVER (PARTITION BY " + keyColumns + " ORDER BY \"seq\") "
                     + "AS \"n\" FROM " + rows + ") d WHERE \"n\" = 2 ORDER BY \"seq\" FETCH FIRST 1 ROWS ONLY")) {
            if (!rs.next()) {
                return null;
            }
            Object[] key = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
                key[i] = SqlValues.read(rs, i + 1, table.type(keys[i]));
            }
            return new DuplicateKeyException(key, rs.getLong(keys.length + 1));
        }
    }

    private String updateChanged() {
        List<String> sets = new ArrayList<>();
        List<String> differs = new ArrayList<>();
        for (int v : values) {
            String column = Database.quote(table.columns().get(v));
            sets.add(column + " = s." + stageColumn(v));
            FieldType type = table.type(v);
            differs.add(dialect.comparable("t." + column, type) + " IS DISTINCT FROM "
                    + dialect.comparable("s." + stageColumn(v), type));
        }
        String changed = "(" + String.join(" OR ", differs) + ")";
        if (table.hashed()) {
            sets.add(hashColumn() + " = s." + HASH);
        }
        if (dialect == Dialect.H2) {
            return "MERGE INTO " + target + " t USING " + rows + " s ON (" + match("t", "s", true) + ") WHEN MATCHED "
                    + "AND " + changed + " THEN UPDATE SET " + String.join(", ", sets);
        }
        return "UPDATE " + target + " t SET " + String.join(", ", sets) + " FROM " + rows + " s WHERE "
                + match("t", "s", true) + " AND " + changed;
    }

    /**
     * Has PostgreSQL join the staged rows to the table by its primary key, row by row, for the rest of the
     * transaction: for a few thousand changed rows of a large table its planner otherwise hashes and scans the whole
     * table once per statement (with its default random_page_cost: 3 scans of 1,000,000 rows, 0.7 s, against 10,000
     * index probes in tens of milliseconds). Call when the staged rows are few beside the table's.
     */
    void probeByIndex() throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            execute("SET LOCAL enable_hashjoin = off");
            execute("SET LOCAL enable_mergejoin = off");
        }
    }

    /**
     * Stores the staged records' hashes in the rows whose values they left as they were: rows written before hashes
     * were kept, rows hashed under an earlier layout, values the database holds equal though they hash apart (instants
     * a nanosecond apart, which PostgreSQL rounds to one microsecond). Counts nothing. After {@link #merge}, which stored the hashes of the rows it changed.
     */
    void rehash() throws SQLException {
        String differs = "t." + hashColumn() + " IS DISTINCT FROM s." + HASH;
        String set = hashColumn() + " = s." + HASH;
        if (dialect == Dialect.H2) {
            update("MERGE INTO " + target + " t USING " + rows + " s ON (" + match("t", "s", true) + ") WHEN MATCHED "
                    + "AND " + differs + " THEN UPDATE SET " + set);
        } else {
            update("UPDATE " + target + " t SET " + set + " FROM " + rows + " s WHERE " + match("t", "s", true)
                    + " AND " + differs);
        }
    }

    /**
     * @param left       alias of the left table
     * @param right      alias of a staging table
     * @param leftTarget whether the left table is the connected table (its columns have field names)
     * @return the condition that the two have the same refresh key
     */
    private String match(String left, String right, boolean leftTarget) {
        List<String> parts = new ArrayList<>();
        for (int k : keys) {
            String leftColumn = leftTarget ? Database.quote(table.columns().get(k)) : stageColumn(k);
            parts.add(left + "." + leftColumn + " = " + right + "." + stageColumn(k));
        }
        return String.join(" AND ", parts);
    }

    private static String prefixed(String alias, int[] positions) {
        List<String> names = new ArrayList<>();
        for (int p : positions) {
            names.add(alias + "." + stageColumn(p));
        }
        return String.join(", ", names);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private long update(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }
}
