package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.FieldType;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.SourceField;
import dev.connections.spi.storage.Lease;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL shared by several instances: migrations, leases, typed columns, rows left alone when unchanged. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresStorageTest extends JdbcStorageTest {

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

    @Test
    void instancesStartingTogetherOnOneDatabaseMigrateItOnce() throws Exception {
        String shared = EmbeddedPostgresExtension.freshSchema();
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        Callable<JdbcStorage> start = () -> {
            together.await(10, TimeUnit.SECONDS);
            return JdbcStorage.of(dataSource, shared);
        };
        List<JdbcStorage> started = inParallel(Collections.nCopies(instances, start));
        started.forEach(JdbcStorage::close);

        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + shared + ".schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.scripts(Dialect.POSTGRESQL).size());
        }
    }

    @Test
    void upgradingTheFirstSchemaFoldsTheNamesAndMakesScheduledTablesDueAtOnce() throws SQLException {
        ConnectedTable manual = table("t-1", "Orders", ORDER_FIELDS, "id");
        ConnectedTable scheduled = table("t-2", "İade Kayıtları", ORDER_FIELDS, "id")
                .withSchedule(RefreshSchedule.everyHours(4));
        storage.tables().insert(manual);
        storage.tables().insert(scheduled);
        storage.close();
        try (Connection c = plainSql(); Statement s = c.createStatement()) {
            // back to the schema of version 1, with these tables in it
            s.execute("ALTER TABLE " + schema + ".connected_table DROP COLUMN next_due, DROP COLUMN name_key");
            s.execute("DROP TABLE " + schema + ".oauth_authorization");
            s.execute("ALTER TABLE " + schema + ".lease DROP COLUMN generation, ALTER COLUMN holder SET NOT NULL");
            s.execute("ALTER TABLE " + schema + ".connection DROP COLUMN version");
            s.execute("DELETE FROM " + schema + ".schema_version WHERE version > 1");
        }

        Instant before = Instant.now();
        storage = newStorage();
        Instant after = Instant.now();

        assertThat(storage.tables().due(manual.id())).isEmpty();
        Instant due = storage.tables().due(scheduled.id()).orElseThrow();
        assertThat(due).isBetween(before.minusSeconds(1), after.plusSeconds(1));
        assertThat(due).isEqualTo(due.truncatedTo(ChronoUnit.MILLIS));
        assertThat(storage.tables().byName("sales", manual.createdBy(), "ORDERS")).contains(manual);
        assertThat(storage.tables().byName("sales", scheduled.createdBy(), "iade kayitlari")).contains(scheduled);
        assertThat(storage.tables().moveDue(scheduled.id(), due, T0)).isTrue();
    }

    @Test
    void ofTwoInstancesAskingForOneLeaseAtOnceExactlyOneGetsIt() throws Exception {
        JdbcStorage other = JdbcStorage.of(dataSource, schema);
        try {
            for (int table = 0; table < 20; table++) {
                String name = "refresh:t-" + table;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Optional<Lease>> leases = inParallel(List.of(storage, other).stream()
                        .<Callable<Optional<Lease>>>map(instance -> () -> {
                            together.await(10, TimeUnit.SECONDS);
                            return instance.tryLease(name, "node-" + System.identityHashCode(instance), T0,
                                    Duration.ofMinutes(10));
                        }).toList());
                assertThat(leases.stream().filter(Optional::isPresent)).as(name).hasSize(1);
            }
        } finally {
            other.close();
        }
    }

    @Test
    void aLeaseWhoseHolderDiedIsTakenOverByAnotherInstanceWhenItRunsOutByTheDatabasesClock() {
        JdbcStorage other = JdbcStorage.of(dataSource, schema);
        try {
            Lease dead = storage.tryLease("refresh:t-1", "node-a", T0, Duration.ofMillis(500)).orElseThrow();

            assertThat(other.tryLease("refresh:t-1", "node-b", T0.plus(Duration.ofDays(1)), Duration.ofMinutes(10)))
                    .as("asked by an instance whose clock runs a day ahead").isEmpty();
            Lease taken = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> other.tryLease("refresh:t-1", "node-b", T0.minus(Duration.ofDays(1)),
                            Duration.ofMinutes(10)), Optional::isPresent).orElseThrow();

            assertThat(taken.holder()).isEqualTo("node-b");
            assertThat(taken.generation()).isGreaterThan(dead.generation());
            assertThat(dead.renew(T0, Duration.ofMinutes(10))).isFalse();
            assertThat(storage.tryLease("refresh:t-1", "node-a", T0.plus(Duration.ofDays(2)), Duration.ofMinutes(10)))
                    .isEmpty();
        } finally {
            other.close();
        }
    }

    @Test
    void connectedFieldsBecomeTypedColumnsWithTheRefreshKeyAsPrimaryKey() throws SQLException {
        List<SourceField> fields = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            fields.add(SourceField.of(type.name().toLowerCase(Locale.ROOT), type));
        }
        ConnectedTable t = define(table("t-1", "Typed", fields, "integer"));
        String sqlName = storage.sqlTableName(t.id()).orElseThrow().replace("\"", "");

        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = plainSql(); PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type "
                + "FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, sqlName.substring(sqlName.indexOf('.') + 1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertThat(types).containsExactly(Map.entry("text", "text"), Map.entry("integer", "bigint"),
                Map.entry("decimal", "numeric"), Map.entry("boolean", "boolean"), Map.entry("date", "date"),
                Map.entry("datetime", "timestamp with time zone"), Map.entry("time", "time without time zone"),
                Map.entry("json", "json"), Map.entry(DataTable.HASH_COLUMN, "bigint"));
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON "
                     + "a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = '"
                     + sqlName + "'::regclass")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("integer");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void jsonValuesCanBeQueriedWithPostgresJsonOperators() throws SQLException {
        List<SourceField> fields = List.of(SourceField.of("id", FieldType.INTEGER),
                SourceField.of("address", FieldType.JSON));
        ConnectedTable t = define(table("t-1", "Customers", fields, "id"));
        refresh(t, true, row(1L, "{\"city\":\"Scranton\",\"zip\":\"18505\"}"));

        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT address->>'city' FROM "
                     + storage.sqlTableName(t.id()).orElseThrow())) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("Scranton");
        }
    }

    @Test
    void aJsonRefreshKeyWorks() {
        List<SourceField> fields = List.of(SourceField.of("key", FieldType.JSON),
                SourceField.of("n", FieldType.INTEGER));
        ConnectedTable t = define(table("t-1", "Json keyed", fields, "key"));
        refresh(t, true, row("{\"a\":1}", 1L), row("[1,2]", 2L));

        RefreshCounts counts = refresh(t, true, row("{\"a\":1}", 1L), row("[1,2]", 3L));

        assertThat(counts).isEqualTo(new RefreshCounts(0, 1, 1, 0));
    }

    @Test
    void unchangedRowsAreNotRewritten() throws SQLException {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, row("same", "Ann", new BigDecimal("1.10")), row("changed", "Bob", BigDecimal.ONE));
        Map<String, String> before = rowVersions(t);

        refresh(t, true, row("same", "Ann", new BigDecimal("1.1")), row("changed", "Bob", BigDecimal.TEN));

        Map<String, String> after = rowVersions(t);
        assertThat(after.get("same")).isEqualTo(before.get("same"));
        assertThat(after.get("changed")).isNotEqualTo(before.get("changed"));
    }

    @Test
    void datesAndTimesKeepTheirValuesThroughCopy() {
        List<SourceField> fields = List.of(SourceField.of("id", FieldType.TEXT), SourceField.of("d", FieldType.DATE),
                SourceField.of("t", FieldType.TIME), SourceField.of("at", FieldType.DATETIME));
        ConnectedTable t = define(table("t-1", "Times", fields, "id"));
        Object[] values = row("k", LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 59, 123_456_000),
                Instant.parse("2024-03-31T01:30:00.654321Z"));

        refresh(t, true, values);

        assertThat(rows(t.id())).containsExactly(List.of(values));
    }

    /** @return each row's xmin: the transaction that last wrote it */
    private Map<String, String> rowVersions(ConnectedTable t) throws SQLException {
        String sqlName = storage.sqlTableName(t.id()).orElseThrow();
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, xmin::text FROM " + sqlName)) {
            Map<String, String> versions = new LinkedHashMap<>();
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getString(2));
            }
            return versions;
        }
    }

    /** Runs each task on a thread of its own and returns their results, in order. */
    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
