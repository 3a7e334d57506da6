package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh of a table that has rows sends the database only the new and changed records (issue 12): the counts,
 * REMOVE, repeated keys and the last write of a key stay exact though most records are never staged; rows written
 * before hashes were kept, and rows of an earlier layout, are sent once and hashed. On H2 and on PostgreSQL.
 */
class ChangedRowsTest {

    static final Instant T0 = Instant.parse("2024-03-01T10:15:30Z");
    static final List<SourceField> FIELDS = List.of(new SourceField("id", "Id", FieldType.TEXT, false, true),
            SourceField.of("name", FieldType.TEXT), SourceField.of("amount", FieldType.DECIMAL));

    @Nested
    class OnH2 extends Cases {
        @TempDir
        Path folder;

        @Override
        JdbcStorage newStorage() {
            return JdbcStorage.embedded(folder);
        }

        @Override
        Connection plainSql() throws SQLException {
            return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("connections")
                    + ";DATABASE_TO_LOWER=TRUE");
        }

        @Test
        void aRecordTheDatabaseHoldsEqualToAStoredKeyThatItDoesNotMatchExactlyIsNotRemoved() {
            JdbcDataSource ignoringCase = new JdbcDataSource();
            ignoringCase.setURL("jdbc:h2:file:" + folder.resolve("ignoring-case") + ";IGNORECASE=TRUE");
            storage.close();
            storage = JdbcStorage.of(ignoringCase); // closed after the test
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, List.<Object[]>of(new Object[] {"A", "x", null}));

            RefreshCounts counts = refresh(t, true, List.<Object[]>of(new Object[] {"a", "y", null}));

            assertThat(counts).isEqualTo(new RefreshCounts(0, 1, 0, 0));
            assertThat(rows(t)).containsExactly(Arrays.asList("A", "y", null));
        }
    }

    @Nested
    @ExtendWith(EmbeddedPostgresExtension.class)
    class OnPostgres extends Cases {
        private final DataSource dataSource = EmbeddedPostgresExtension.dataSource();
        private final String schema = EmbeddedPostgresExtension.freshSchema();

        @Override
        JdbcStorage newStorage() {
            return JdbcStorage.of(dataSource, schema);
        }

        @Override
        Connection plainSql() throws SQLException {
            return dataSource.getConnection();
        }
    }

    abstract static class Cases {

        JdbcStorage storage;
        private int runs;

        abstract JdbcStorage newStorage();

        abstract Connection plainSql() throws SQLException;

        @BeforeEach
        void open() {
            storage = newStorage();
        }

        @AfterEach
        void close() {
            storage.close();
        }

        @Test
        void onlyTheNewAndChangedRecordsAreStagedAndTheCountsAreExact() {
            ConnectedTable t = define(table(FIELDS, "id"));
            List<Object[]> first = orders(100);
            refresh(t, true, first);

            List<Object[]> second = orders(100);
            second.set(3, new Object[] {"k3", "changed", new BigDecimal("3")});
            second.set(50, new Object[] {"k50", "k50", new BigDecimal("-1")});
            second.add(new Object[] {"k100", "new", null});
            second.remove(10);
            try (RefreshWriter writer = begin(t)) {
                second.forEach(values -> writer.upsert(Row.of(values)));

                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(3);
                RefreshCounts counts = writer.prepare(true);
                assertThat(counts).isEqualTo(new RefreshCounts(1, 2, 97, 1));
                writer.commit(Cursor.of("c2"), succeeded(t, counts));
            }
            assertRows(t, second);
        }

        @Test
        void aRecordEqualToItsRowButForTheDecimalsTrailingZerosIsNotSent() {
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, List.<Object[]>of(new Object[] {"k1", "Ann", new BigDecimal("1.10")}));

            try (RefreshWriter writer = begin(t)) {
                writer.upsert(Row.of("k1", "Ann", new BigDecimal("1.1")));

                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isZero();
                assertThat(writer.prepare(true)).isEqualTo(new RefreshCounts(0, 0, 1, 0));
            }
        }

        @Test
        void aRecordRepeatingTheKeyOfAStoredRowSeenEarlierInTheRefreshIsADuplicateWithItsLine() {
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, orders(3));

            try (RefreshWriter writer = begin(t)) {
                writer.upsert(new Row(new Object[] {"k1", "k1", new BigDecimal("1")}, 2));
                writer.upsert(new Row(new Object[] {"k2", "k2", new BigDecimal("2")}, 3));
                DuplicateKeyException e = catchThrowableOfType(DuplicateKeyException.class,
                        () -> writer.upsert(new Row(new Object[] {"k1", "k1 again", null}, 7)));

                assertThat(e.key()).containsExactly("k1");
                assertThat(e.line()).isEqualTo(7);
            }
            assertRows(t, orders(3));
        }

        @Test
        void aRecordAfterItsKeysDeletionStaysAndADeletionAfterAnUnchangedRecordRemovesIt() {
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, orders(4));

            try (RefreshWriter writer = begin(t)) {
                writer.upsert(Row.of(orders(4).get(1)));       // unchanged, not sent
                writer.delete(new Object[] {"k1"});            // ... and then deleted after all
                writer.delete(new Object[] {"k2"});
                writer.upsert(Row.of(orders(4).get(2)));       // written again after its deletion: stays
                writer.upsert(Row.of(orders(4).get(3)));
                RefreshCounts counts = writer.prepare(false);

                assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 2, 1));
                writer.commit(null, succeeded(t, counts));
            }
            assertRows(t, List.of(orders(4).get(0), orders(4).get(2), orders(4).get(3)));
        }

        @Test
        void removeTakesAwayTheStoredKeysNoRecordNamedInEveryKeyType() {
            List<SourceField> fields = List.of(SourceField.of("n", FieldType.INTEGER),
                    SourceField.of("d", FieldType.DATE), SourceField.of("amount", FieldType.DECIMAL),
                    SourceField.of("ok", FieldType.BOOLEAN), SourceField.of("note", FieldType.TEXT));
            ConnectedTable t = define(new ConnectedTable(TableId.of("t-1"), "sales", "Keys", ConnectionId.of("c-1"),
                    "csv", "orders.csv", fields, List.of("n", "d", "amount", "ok"), Filter.all(),
                    TableUpdates.REMOVE, RefreshSchedule.manual(), Principal.of("pam"), T0));
            LocalDate day = LocalDate.of(2024, 2, 29);
            Object[] a = {1L, day, new BigDecimal("1.50"), true, "a"};
            Object[] b = {-7L, day.minusYears(300), new BigDecimal("-12345678901234567890.1"), false, "b"};
            Object[] c = {1L, day, new BigDecimal("1.5"), false, "c"};
            refresh(t, true, List.of(a, b, c));

            RefreshCounts counts = refresh(t, true, List.<Object[]>of(new Object[] {1L, day, new BigDecimal("1.500"),
                    true, "a"}));

            assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 1, 2));
            assertThat(rows(t)).hasSize(1);
            assertThat(rows(t).get(0).subList(0, 2)).containsExactly(1L, day);
        }

        @Test
        void rowsStoredBeforeHashesWereKeptAreSentOnceThenHashed() throws SQLException {
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, orders(20));
            String sqlName = storage.sqlTableName(t.id()).orElseThrow();
            try (Connection c = plainSql(); Statement s = c.createStatement()) {
                // the table as an earlier version left it: no hash column, and the catalog says so
                s.execute("ALTER TABLE " + sqlName + " DROP COLUMN " + DataTable.HASH_COLUMN);
                s.execute("UPDATE \"" + storage.schema() + "\".data_table SET row_hashes = 0");
            }

            try (RefreshWriter writer = begin(t)) {
                orders(20).forEach(values -> writer.upsert(Row.of(values)));
                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(20);
                RefreshCounts counts = writer.prepare(true);
                assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 20, 0));
                writer.commit(null, succeeded(t, counts));
            }
            try (RefreshWriter writer = begin(t)) {
                orders(20).forEach(values -> writer.upsert(Row.of(values)));
                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isZero();
                assertThat(writer.prepare(true)).isEqualTo(new RefreshCounts(0, 0, 20, 0));
            }
        }

        @Test
        void aFieldChangedAndBackSendsEveryRecordAgain() {
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, orders(5));
            storage.data().define(t.withFields(FIELDS.subList(0, 2), List.of("id")));
            storage.data().define(t);

            try (RefreshWriter writer = begin(t)) {
                orders(5).forEach(values -> writer.upsert(Row.of(values)));
                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(5);
                RefreshCounts counts = writer.prepare(true);
                // the amounts came back empty with their column; k0 had none
                assertThat(counts).isEqualTo(new RefreshCounts(0, 4, 1, 0));
                writer.commit(null, succeeded(t, counts));
            }
            assertRows(t, orders(5));
        }

        @Test
        void keysOverTheMemoryBudgetAreNotHeldAndEveryRecordIsStaged() {
            ConnectedTable t = define(table(FIELDS, "id"));
            refresh(t, true, orders(50));
            ((JdbcTableData) storage.data()).keyBudget(1024);

            List<Object[]> next = orders(49);
            next.set(0, new Object[] {"k0", "changed", null});
            try (RefreshWriter writer = begin(t)) {
                next.forEach(values -> writer.upsert(Row.of(values)));
                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(49);
                RefreshCounts counts = writer.prepare(true);
                assertThat(counts).isEqualTo(new RefreshCounts(0, 1, 48, 1));
                writer.commit(null, succeeded(t, counts));
            }
            assertRows(t, next);
        }

        @Test
        void instantKeysAreNotHeldSoEveryRecordIsStaged() {
            List<SourceField> fields = List.of(SourceField.of("at", FieldType.DATETIME),
                    SourceField.of("name", FieldType.TEXT));
            ConnectedTable t = define(table(fields, "at"));
            Object[] one = {T0, "one"};
            refresh(t, true, List.<Object[]>of(one));

            try (RefreshWriter writer = begin(t)) {
                writer.upsert(Row.of(one));
                assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(1);
                assertThat(writer.prepare(true)).isEqualTo(new RefreshCounts(0, 0, 1, 0));
            }
        }

        static List<Object[]> orders(int n) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] {"k" + i, "k" + i, i % 7 == 0 ? null : new BigDecimal(i + ".25")});
            }
            return rows;
        }

        ConnectedTable define(ConnectedTable table) {
            storage.data().define(table);
            return table;
        }

        RefreshWriter begin(ConnectedTable table) {
            Lease fence = storage.tryLease("refresh:" + table.id().value(), "test", T0, Duration.ofMinutes(10))
                    .orElseThrow();
            return storage.data().begin(table, fence);
        }

        RefreshCounts refresh(ConnectedTable table, boolean removeUnseen, List<Object[]> rows) {
            try (RefreshWriter writer = begin(table)) {
                rows.forEach(values -> writer.upsert(Row.of(values)));
                RefreshCounts counts = writer.prepare(removeUnseen);
                writer.commit(Cursor.of("after-" + runs), succeeded(table, counts));
                return counts;
            }
        }

        RefreshRun succeeded(ConnectedTable table, RefreshCounts counts) {
            runs++;
            return RefreshRun.started("r-" + runs, table.id(), RefreshRun.Trigger.MANUAL, ReadMode.FULL, T0)
                    .succeeded(ReadMode.FULL, T0.plusSeconds(runs), counts, 1);
        }

        List<List<Object>> rows(ConnectedTable table) {
            try (Stream<Object[]> rows = storage.data().rows(table.id())) {
                return rows.map(Arrays::asList).toList();
            }
        }

        void assertRows(ConnectedTable table, List<Object[]> expected) {
            Set<List<Object>> want = new HashSet<>();
            expected.forEach(values -> want.add(Arrays.asList(values)));
            assertThat(new HashSet<>(rows(table))).isEqualTo(want);
        }

        static ConnectedTable table(List<SourceField> fields, String key) {
            return new ConnectedTable(TableId.of("t-1"), "sales", "Orders", ConnectionId.of("c-1"), "csv",
                    "orders.csv", fields, List.of(key), Filter.all(), TableUpdates.REMOVE, RefreshSchedule.manual(),
                    Principal.of("pam"), T0);
        }
    }
}
