package dev.connections.jdbc;

import dev.connections.api.ConnectedTable;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import dev.connections.spi.storage.FieldAlignment;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.TableData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connected tables as SQL tables, one each, named as {@link SqlNames} says. Thread-safe. */
final class JdbcTableData implements TableData {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTableData.class);
    private static final int FETCH_SIZE = 1000;

    private final Database db;
    private final Catalog catalog;
    private final JdbcHistoryStore history;
    private final Leases leases;
    private volatile long keyBudget = JdbcRefreshWriter.defaultKeyBudget();

    JdbcTableData(Database db, JdbcHistoryStore history, Leases leases) {
        this.db = db;
        this.catalog = new Catalog(db);
        this.history = history;
        this.leases = leases;
    }

    @Override
    public void define(ConnectedTable table) {
        check(table);
        db.transaction("define the storage of table " + table.id(), c -> {
            Optional<DataTable> existing = catalog.load(c, table.id(), true);
            if (existing.isEmpty()) {
                DataTable created = DataTable.of(table, freeName(c, table), Map.of(), 1);
                execute(c, "DROP TABLE IF EXISTS " + db.table(created.sqlName()));
                execute(c, createTable(created));
                catalog.insert(c, created);
            } else if (existing.get().keyDiffers(table)) {
                DataTable old = existing.get();
                catalog.beginLayoutChange(c, table.id(), old.nextHashEpoch());
                // created anew, with the hash column even if the old table had none
                DataTable recreated = DataTable.of(table, old.sqlName(), old.columnsByField(), old.hashEpoch() + 1);
                execute(c, "DROP TABLE IF EXISTS " + db.table(recreated.sqlName()));
                execute(c, createTable(recreated));
                catalog.update(c, recreated);
            } else {
                catalog.update(c, alter(c, existing.get(), table));
            }
            return null;
        });
    }

    /** Drops the columns of fields that went or changed type, then adds the columns of new ones. */
    private DataTable alter(Connection c, DataTable old, ConnectedTable table) throws SQLException {
        // a changed layout changes the rows: hashes stored under the old one must match no record, even if the
        // change stops half-way (on H2 every DDL statement below commits at once)
        boolean relaid = !old.sameShape(table);
        long epoch = relaid ? old.nextHashEpoch() : old.hashEpoch();
        if (relaid) {
            catalog.beginLayoutChange(c, table.id(), epoch);
        }
        Map<String, SourceField> now = new HashMap<>();
        table.fields().forEach(f -> now.put(f.name(), f));
        Map<String, String> kept = new HashMap<>();
        for (int i = 0; i < old.fields().size(); i++) {
            SourceField f = old.fields().get(i);
            SourceField same = now.get(f.name());
            if (same != null && same.type() == f.type()) {
                kept.put(f.name(), old.columns().get(i));
            } else {
                execute(c, "ALTER TABLE " + db.table(old.sqlName()) + " DROP COLUMN IF EXISTS "
                        + Database.quote(old.columns().get(i)));
            }
        }
        DataTable altered = DataTable.of(table, old.sqlName(), kept, epoch);
        for (int i = 0; i < altered.fields().size(); i++) {
            SourceField f = altered.fields().get(i);
            if (!kept.containsKey(f.name())) {
                execute(c, "ALTER TABLE " + db.table(old.sqlName()) + " ADD COLUMN IF NOT EXISTS "
                        + Database.quote(altered.columns().get(i)) + " " + db.dialect().columnType(f.type(), false));
            }
        }
        return altered;
    }

    private String freeName(Connection c, ConnectedTable table) throws SQLException {
        for (int digits = 8; ; digits += 4) {
            String name = SqlNames.table(table.name(), table.id(), digits);
            if (!catalog.nameTaken(c, name)) {
                return name;
            }
        }
    }

    private String createTable(DataTable t) {
        List<String> columns = new ArrayList<>();
        Set<Integer> keys = new HashSet<>();
        for (int k : t.keyIndexes()) {
            keys.add(k);
        }
        for (int i = 0; i < t.fields().size(); i++) {
            boolean key = keys.contains(i);
            columns.add(Database.quote(t.columns().get(i)) + " " + db.dialect().columnType(t.type(i), key)
                    + (key ? " NOT NULL" : ""));
        }
        if (t.hashed()) {
            columns.add(Database.quote(DataTable.HASH_COLUMN) + " bigint");
        }
        return "CREATE TABLE " + db.table(t.sqlName()) + " (" + String.join(", ", columns) + ", PRIMARY KEY ("
                + t.quoted(t.keyIndexes()) + "))";
    }

    private static void check(ConnectedTable table) {
        List<String> names = table.fieldNames();
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("table " + table.id() + " names a field twice: " + names);
        }
        if (table.refreshKey().isEmpty() || !names.containsAll(table.refreshKey())) {
            throw new IllegalArgumentException("the refresh key " + table.refreshKey() + " of table " + table.id()
                    + " must be 1 to 4 of its connected fields " + names);
        }
    }

    @Override
    public RefreshWriter begin(ConnectedTable table, Lease fence) {
        Leases.Fence check = leases.fence(fence);
        Optional<DataTable> stored = db.call("read the storage of table " + table.id(),
                c -> catalog.load(c, table.id(), false));
        if (stored.isEmpty() || !stored.get().sameShape(table)) {
            if (stored.isPresent()) {
                LOG.warn("Table {} is stored with the fields {} keyed by {}, not as it is defined now (a change of "
                        + "its definition stopped half-way); defining its storage again, so this refresh is a full "
                        + "one", table.id(), stored.get().fields().stream().map(f -> f.name() + " " + f.type())
                        .toList(), stored.get().refreshKey());
            }
            // unless this refresh lost its lease: its definition may be older than the new holder's, or the table
            // was deleted meanwhile (then nothing of it may be laid out again)
            db.call("check the lease of table " + table.id(), c -> {
                check.check(c);
                return null;
            });
            define(table);
            stored = db.call("read the storage of table " + table.id(), c -> catalog.load(c, table.id(), false));
        }
        DataTable data = stored.orElseThrow();
        if (!data.hashed() && data.mayHash()) {
            data = addHashes(data);
        }
        return new JdbcRefreshWriter(db, data, catalog, history, check, keyBudget);
    }

    /** Sets the most memory a refresh may take for the stored keys and hashes of a table; for tests. */
    void keyBudget(long bytes) {
        this.keyBudget = bytes;
    }

    /**
     * Adds the hash column to a table created before rows carried hashes. Its rows have none, so the next refresh
     * sends every record once (as before), and stores their hashes. {@code IF NOT EXISTS}: H2 commits the DDL at
     * once, so a crash before the catalog says so leaves a column that the next begin finds.
     */
    private DataTable addHashes(DataTable table) {
        db.transaction("add the row hashes of table " + table.id(), c -> {
            execute(c, "ALTER TABLE " + db.table(table.sqlName()) + " ADD COLUMN IF NOT EXISTS "
                    + Database.quote(DataTable.HASH_COLUMN) + " bigint");
            catalog.setHashed(c, table.id());
            return null;
        });
        return table.withHashEpoch(1);
    }

    @Override
    public Optional<Cursor> cursor(TableId table) {
        return db.call("read the cursor of table " + table, c -> catalog.cursor(c, table));
    }

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
        Connection c = null;
        try {
            c = db.open();
            Optional<DataTable> stored = catalog.load(c, table, false);
            if (stored.isEmpty()) {
                c.close();
                return Stream.empty();
            }
            DataTable t = stored.get();
            // PostgreSQL streams a result set only inside a transaction; H2 always streams large results
            c.setAutoCommit(false);
            PreparedStatement ps = c.prepareStatement("SELECT " + t.quoted(t.all()) + " FROM "
                    + db.table(t.sqlName()));
            ps.setFetchSize(FETCH_SIZE);
            ResultSet rs = ps.executeQuery();
            Connection open = c;
            FieldAlignment alignment = FieldAlignment.of(t.fields(), wanted == null ? t.fields() : wanted.fields());
            return StreamSupport.stream(new RowSpliterator(rs, t), false).map(alignment::align).onClose(() -> {
                try (open; ps; rs) {
                    open.rollback();
                } catch (SQLException e) {
                    throw db.failure("close the rows of table " + table, e);
                }
            });
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw db.failure("read the rows of table " + table, e);
        }
    }

    @Override
    public long count(TableId table) {
        return db.call("count the rows of table " + table, c -> {
            Optional<DataTable> stored = catalog.load(c, table, false);
            if (stored.isEmpty()) {
                return 0L;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + db.table(stored.get().sqlName()))) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void drop(TableId table) {
        db.transaction("drop the storage of table " + table, c -> {
            Optional<DataTable> stored = catalog.load(c, table, true);
            if (stored.isPresent()) {
                catalog.delete(c, table);
                execute(c, "DROP TABLE IF EXISTS " + db.table(stored.get().sqlName()));
            }
            return null;
        });
    }

    /** @return the qualified SQL name of a table's rows, if it has storage */
    Optional<String> sqlName(TableId table) {
        return db.call("read the storage of table " + table, c -> catalog.load(c, table, false))
                .map(t -> db.table(t.sqlName()));
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void closeQuietly(Connection c, Exception failure) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Reads rows from a result set as they are asked for. */
    private static final class RowSpliterator extends Spliterators.AbstractSpliterator<Object[]> {
        private final ResultSet rs;
        private final DataTable table;

        RowSpliterator(ResultSet rs, DataTable table) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.rs = rs;
            this.table = table;
        }

        @Override
        public boolean tryAdvance(Consumer<? super Object[]> action) {
            try {
                if (!rs.next()) {
                    return false;
                }
                Object[] row = new Object[table.fields().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = SqlValues.read(rs, i + 1, table.type(i));
                }
                action.accept(row);
                return true;
            } catch (SQLException e) {
                throw new JdbcStorageException("Could not read the rows of table " + table.id() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
