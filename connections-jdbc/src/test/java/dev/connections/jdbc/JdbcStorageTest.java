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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
