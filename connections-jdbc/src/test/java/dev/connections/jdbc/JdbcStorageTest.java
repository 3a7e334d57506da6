package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

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
import dev.connections.spi.storage.LeaseLostException;
import dev.connections.spi.storage.RefreshWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What JdbcStorage does beyond the storage contract, on every supported database: connected tables that plain SQL
 * can read, odd field names, source lines in duplicate key errors, the last write of a key winning, refreshes larger
 * than a batch.
 */
abstract class JdbcStorageTest {

    static final Instant T0 = Instant.parse("2024-03-01T10:15:30Z");
    static final List<SourceField> ORDER_FIELDS = List.of(
            new SourceField("id", "Id", FieldType.TEXT, false, true),
            SourceField.of("name", FieldType.TEXT),
            SourceField.of("amount", FieldType.DECIMAL));

    JdbcStorage storage;
    private int runs;

    /** @return a new, empty storage */
    abstract JdbcStorage newStorage();

    /** @return a plain JDBC connection to the database of {@link #storage}, as a host's own code would open */
    abstract Connection plainSql() throws SQLException;

    @BeforeEach
    void openStorage() {
        storage = newStorage();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void aConnectedTableCanBeReadWithPlainSql() throws SQLException {
        ConnectedTable orders = define(table("t-1", "Orders 2024", ORDER_FIELDS, "id"));
        refresh(orders, true, row("k1", "Ann", new BigDecimal("10.5")), row("k2", "Bob", null));

        String name = storage.sqlTableName(orders.id()).orElseThrow();
        assertThat(name).matches("\"" + storage.schema() + "\"\\.\"ct_orders_2024_[0-9a-f]{8}\"");
        List<String> read = new ArrayList<>();
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, amount FROM " + name.replace("\"", "")
                     + " ORDER BY id")) {
            while (rs.next()) {
                read.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3));
            }
        }
        assertThat(read).containsExactly("k1|Ann|10.5", "k2|Bob|null");
    }

    @Test
    void fieldNamesThatCannotBeColumnsAsTheyAreGetAStableSanitisedName() throws SQLException {
        String tooLong = "a field name that is far too long to be an identifier in PostgreSQL at all";
        List<SourceField> fields = List.of(SourceField.of("Order ID", FieldType.TEXT),
                SourceField.of("amount ($)", FieldType.DECIMAL), SourceField.of("say \"hi\"", FieldType.TEXT),
                SourceField.of("", FieldType.TEXT), SourceField.of(tooLong, FieldType.TEXT),
                SourceField.of("xmin", FieldType.INTEGER), SourceField.of("Name", FieldType.TEXT),
                SourceField.of("name", FieldType.TEXT), SourceField.of(DataTable.HASH_COLUMN, FieldType.TEXT));
        ConnectedTable t = define(table("t-1", "Odd names", fields, "Order ID"));
        Object[] values = {"A-1", new BigDecimal("1.5"), "hi", "empty", "long", 7L, "upper", "lower", "mine"};
        refresh(t, true, values);

        assertThat(rows(t.id())).containsExactly(Arrays.asList(values));
        List<String> columns = new ArrayList<>();
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + storage.sqlTableName(t.id()).orElseThrow())) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
        }
        assertThat(columns).hasSize(10);
        assertThat(columns.subList(0, 3)).containsExactly("Order ID", "amount ($)", "say \"hi\"");
        assertThat(columns.get(3)).matches("field_[0-9a-f]{8}");
        assertThat(columns.get(4)).matches("a_field_name_that_is_far_too_long_to_be_an_identifier_[0-9a-f]{8}");
        assertThat(columns.get(5)).matches("xmin_[0-9a-f]{8}");
        assertThat(columns.subList(6, 8)).containsExactly("Name", "name");
        // the storage's own column of row hashes is last; a field of that name gets another column
        assertThat(columns.get(8)).matches(DataTable.HASH_COLUMN + "_[0-9a-f]{8}");
        assertThat(columns.get(9)).isEqualTo(DataTable.HASH_COLUMN);
    }

    @Test
    void aDuplicateRefreshKeyNamesTheSourceLineOfTheSecondRecord() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));

        try (RefreshWriter writer = storage.data().begin(t, fence(t))) {
            writer.upsert(new Row(new Object[] {"k1", "Ann", null}, 10));
            writer.upsert(new Row(new Object[] {"k2", "Bob", null}, 11));
            writer.upsert(new Row(new Object[] {"k1", "Ann again", null}, 1042));
            writer.upsert(new Row(new Object[] {"k2", "Bob again", null}, 1043));

            DuplicateKeyException e = catchThrowableOfType(DuplicateKeyException.class, () -> writer.prepare(true));

            assertThat(e.key()).containsExactly("k1");
            assertThat(e.line()).isEqualTo(1042);
            assertThat(e.getMessage()).contains("line 1042");
        }
        assertThat(storage.data().count(t.id())).isZero();
    }

    @Test
    void theLastWriteOfAKeyInARefreshWins() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, row("k1", "Ann", null), row("k2", "Bob", null), row("k3", "Cy", null));

        RefreshCounts counts;
        try (RefreshWriter writer = storage.data().begin(t, fence(t))) {
            writer.upsert(Row.of("new", "Dee", null));
            writer.delete(new Object[] {"new"});
            writer.delete(new Object[] {"k1"});
            writer.upsert(Row.of("k1", "Ann", new BigDecimal("1")));
            writer.delete(new Object[] {"k2"});
            writer.delete(new Object[] {"k3"});
            writer.upsert(Row.of("k3", "Cy", null));
            counts = writer.prepare(false);
            writer.commit(Cursor.of("c2"), succeeded(t.id(), counts));
        }

        assertThat(counts).isEqualTo(new RefreshCounts(0, 1, 1, 1));
        assertThat(rows(t.id())).containsExactlyInAnyOrder(List.of("k1", "Ann", BigDecimal.ONE),
                Arrays.asList("k3", "Cy", null));
    }

    @Test
    void aRefreshLargerThanABatchKeepsEveryValueAndDeletionInOrder() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        int size = 2500;
        RefreshCounts first;
        try (RefreshWriter writer = storage.data().begin(t, fence(t))) {
            for (int i = 0; i < size; i++) {
                writer.upsert(new Row(new Object[] {"k" + i, "tab\there, line\nbreak, back\\slash, cr\r " + i,
                        BigDecimal.valueOf(i, 2)}, i + 2));
                if (i % 500 == 499) {
                    writer.delete(new Object[] {"k" + (i - 1)});
                }
            }
            first = writer.prepare(true);
            writer.commit(Cursor.of("c1"), succeeded(t.id(), first));
        }
        assertThat(first).isEqualTo(new RefreshCounts(size - 5, 0, 0, 0));
        assertThat(storage.data().count(t.id())).isEqualTo(size - 5);
        assertThat(rows(t.id())).contains(List.of("k1234", "tab\there, line\nbreak, back\\slash, cr\r 1234",
                new BigDecimal("12.34")));

        Object[][] half = new Object[size / 2][];
        for (int i = 0; i < half.length; i++) {
            half[i] = row("k" + i, "tab\there, line\nbreak, back\\slash, cr\r " + i, BigDecimal.valueOf(i, 2));
        }
        RefreshCounts second = refresh(t, true, half);
        assertThat(second).isEqualTo(new RefreshCounts(2, 0, size / 2 - 2, size / 2 - 3));
    }

    /** @return a lease to fence a refresh of the table with, taken anew (a newer generation) on every call */
    Lease fence(ConnectedTable table) {
        return storage.tryLease("refresh:" + table.id().value(), "test", T0, Duration.ofMinutes(10)).orElseThrow();
    }

    @Test
    void aFirstLoadNamesTheKeyAndLineOfARepeatedRecordInALaterBatchAndKeepsNothing() {
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        try (RefreshWriter writer = storage.data().begin(orders, fence(orders))) {
            Throwable thrown = catchThrowable(() -> {
                for (int i = 0; i < 2500; i++) {
                    writer.upsert(new Row(new Object[] {"k" + i, "n", null}, i + 2));
                }
                writer.upsert(new Row(new Object[] {"k7", "again", null}, 2502));
                writer.prepare(true);
            });

            assertThat(thrown).isInstanceOf(DuplicateKeyException.class);
            assertThat(((DuplicateKeyException) thrown).key()).containsExactly("k7");
            assertThat(((DuplicateKeyException) thrown).line()).isEqualTo(2502);
        }
        assertThat(storage.data().count(orders.id())).isZero();
    }

    // --- a refresh of a table that has rows stages only the new and changed records (issue 12)

    @Test
    void onlyTheNewAndChangedRecordsAreStagedAndTheCountsAreExact() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        List<Object[]> first = orders(100);
        refresh(t, true, first.toArray(Object[][]::new));

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
            writer.commit(Cursor.of("c2"), succeeded(t.id(), counts));
        }
        assertRows(t, second);
    }

    @Test
    void aRecordEqualToItsRowButForTheDecimalsTrailingZerosIsNotSent() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, new Object[] {"k1", "Ann", new BigDecimal("1.10")});

        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of("k1", "Ann", new BigDecimal("1.1")));

            assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isZero();
            assertThat(writer.prepare(true)).isEqualTo(new RefreshCounts(0, 0, 1, 0));
        }
    }

    @Test
    void aRecordRepeatingTheKeyOfAStoredRowSeenEarlierInTheRefreshIsADuplicateWithItsLine() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, orders(3).toArray(Object[][]::new));

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
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, orders(4).toArray(Object[][]::new));

        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of(orders(4).get(1)));       // unchanged, not sent
            writer.delete(new Object[] {"k1"});            // ... and then deleted after all
            writer.delete(new Object[] {"k2"});
            writer.upsert(Row.of(orders(4).get(2)));       // written again after its deletion: stays
            writer.upsert(Row.of(orders(4).get(3)));
            RefreshCounts counts = writer.prepare(false);

            assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 2, 1));
            writer.commit(null, succeeded(t.id(), counts));
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
        refresh(t, true, a, b, c);

        RefreshCounts counts = refresh(t, true, new Object[] {1L, day, new BigDecimal("1.500"),
                true, "a"});

        assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 1, 2));
        assertThat(rows(t.id())).hasSize(1);
        assertThat(rows(t.id()).get(0).subList(0, 2)).containsExactly(1L, day);
    }

    @Test
    void rowsStoredBeforeHashesWereKeptAreSentOnceThenHashed() throws SQLException {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, orders(20).toArray(Object[][]::new));
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
            writer.commit(null, succeeded(t.id(), counts));
        }
        try (RefreshWriter writer = begin(t)) {
            orders(20).forEach(values -> writer.upsert(Row.of(values)));
            assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isZero();
            assertThat(writer.prepare(true)).isEqualTo(new RefreshCounts(0, 0, 20, 0));
        }
    }

    @Test
    void aFieldChangedAndBackSendsEveryRecordAgain() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, orders(5).toArray(Object[][]::new));
        storage.data().define(t.withFields(ORDER_FIELDS.subList(0, 2), List.of("id")));
        storage.data().define(t);

        try (RefreshWriter writer = begin(t)) {
            orders(5).forEach(values -> writer.upsert(Row.of(values)));
            assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(5);
            RefreshCounts counts = writer.prepare(true);
            // the amounts came back empty with their column; k0 had none
            assertThat(counts).isEqualTo(new RefreshCounts(0, 4, 1, 0));
            writer.commit(null, succeeded(t.id(), counts));
        }
        assertRows(t, orders(5));
    }

    @Test
    void keysOverTheMemoryBudgetAreNotHeldAndEveryRecordIsStaged() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, orders(50).toArray(Object[][]::new));
        ((JdbcTableData) storage.data()).keyBudget(1024);

        List<Object[]> next = orders(49);
        next.set(0, new Object[] {"k0", "changed", null});
        try (RefreshWriter writer = begin(t)) {
            next.forEach(values -> writer.upsert(Row.of(values)));
            assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(49);
            RefreshCounts counts = writer.prepare(true);
            assertThat(counts).isEqualTo(new RefreshCounts(0, 1, 48, 1));
            writer.commit(null, succeeded(t.id(), counts));
        }
        assertRows(t, next);
    }

    @Test
    void instantKeysAreNotHeldSoEveryRecordIsStaged() {
        List<SourceField> fields = List.of(SourceField.of("at", FieldType.DATETIME),
                SourceField.of("name", FieldType.TEXT));
        ConnectedTable t = define(table("t-1", "Instants", fields, "at"));
        Object[] one = {T0, "one"};
        refresh(t, true, one);

        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of(one));
            assertThat(((JdbcRefreshWriter) writer).stagedRecords()).isEqualTo(1);
            assertThat(writer.prepare(true)).isEqualTo(new RefreshCounts(0, 0, 1, 0));
        }
    }


    @Test
    void aChangeOfADecimalBeyondADoublesRangeIsWritten() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, row("tiny", "x", new BigDecimal("1E-400")), row("huge", "x", new BigDecimal("1E+400")));

        RefreshCounts counts = refresh(t, true, row("tiny", "x", new BigDecimal("2E-400")),
                row("huge", "x", new BigDecimal("2E+400")));

        assertThat(counts).isEqualTo(new RefreshCounts(0, 2, 0, 0));
        assertThat(rows(t.id())).extracting(r -> ((BigDecimal) r.get(2)).stripTrailingZeros())
                .containsExactlyInAnyOrder(new BigDecimal("2E-400"), new BigDecimal("2E+400"));
    }

    @Test
    void theFirstRepeatInTheOrderOfTheRecordsIsReportedWhetherItsKeyIsStoredOrNew() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, orders(3).toArray(Object[][]::new));

        try (RefreshWriter writer = begin(t)) {
            Throwable thrown = catchThrowable(() -> {
                writer.upsert(new Row(new Object[] {"new", "n", null}, 2));
                writer.upsert(new Row(new Object[] {"new", "n", null}, 3));
                writer.upsert(new Row(orders(3).get(1), 4));
                writer.upsert(new Row(orders(3).get(1), 5));
                writer.prepare(true);
            });

            assertThat(thrown).isInstanceOf(DuplicateKeyException.class);
            assertThat(((DuplicateKeyException) thrown).key()).containsExactly("new");
            assertThat(((DuplicateKeyException) thrown).line()).isEqualTo(3);
        }
        assertRows(t, orders(3));
    }

    /** @return a writer of a refresh of the table, fenced by a new lease */
    RefreshWriter begin(ConnectedTable table) {
        return storage.data().begin(table, fence(table));
    }

    /** @return n orders k0, k1, ...: every 7th without an amount */
    static List<Object[]> orders(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {"k" + i, "k" + i, i % 7 == 0 ? null : new BigDecimal(i + ".25")});
        }
        return rows;
    }

    void assertRows(ConnectedTable table, List<Object[]> expected) {
        Set<List<Object>> want = new HashSet<>();
        expected.forEach(values -> want.add(Arrays.asList(values)));
        assertThat(new HashSet<>(rows(table.id()))).isEqualTo(want);
    }

    ConnectedTable define(ConnectedTable table) {
        storage.data().define(table);
        return table;
    }

    RefreshCounts refresh(ConnectedTable table, boolean removeUnseen, Object[]... rows) {
        try (RefreshWriter writer = storage.data().begin(table, fence(table))) {
            for (Object[] values : rows) {
                writer.upsert(Row.of(values));
            }
            RefreshCounts counts = writer.prepare(removeUnseen);
            writer.commit(Cursor.of("after-" + runs), succeeded(table.id(), counts));
            return counts;
        }
    }

    @Test
    void aCommitWhoseLeaseRanOutByTheDatabasesClockIsRefusedThoughNobodyTookIt() {
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        Lease fence = storage.tryLease("refresh:t-1", "node-a", T0, Duration.ofMillis(300)).orElseThrow();
        try (RefreshWriter writer = storage.data().begin(orders, fence)) {
            writer.upsert(Row.of("k1", "Ann", null));
            RefreshCounts counts = writer.prepare(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> ranOut("refresh:t-1"));

            assertThat(catchThrowable(() -> writer.commit(null, succeeded(orders.id(), counts))))
                    .isInstanceOf(LeaseLostException.class);
        }
        assertThat(storage.data().count(orders.id())).isZero();
    }

    /** @return whether the lease has run out by the database's clock */
    private boolean ranOut(String lease) throws SQLException {
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + storage.schema() + "\".lease WHERE name = '"
                     + lease + "' AND expires_at <= CURRENT_TIMESTAMP")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    RefreshRun succeeded(TableId table, RefreshCounts counts) {
        runs++;
        return RefreshRun.started("r-" + runs, table, RefreshRun.Trigger.MANUAL, ReadMode.FULL, T0)
                .succeeded(ReadMode.FULL, T0.plusSeconds(runs), counts, 1);
    }

    List<List<Object>> rows(TableId table) {
        try (Stream<Object[]> rows = storage.data().rows(table)) {
            return rows.map(Arrays::asList).toList();
        }
    }

    static ConnectedTable table(String id, String name, List<SourceField> fields, String key) {
        return new ConnectedTable(TableId.of(id), "sales", name, ConnectionId.of("c-1"), "csv", "orders.csv", fields,
                List.of(key), Filter.all(), TableUpdates.REMOVE, RefreshSchedule.manual(), Principal.of("pam"), T0);
    }

    static Object[] row(Object... values) {
        return values;
    }
}
