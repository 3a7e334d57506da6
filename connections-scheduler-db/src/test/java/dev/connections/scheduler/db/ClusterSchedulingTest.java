package dev.connections.scheduler.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.FailureKind;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.core.Connections;
import dev.connections.jdbc.ChildJvm;
import dev.connections.jdbc.EmbeddedPostgresExtension;
import dev.connections.jdbc.JdbcStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Three SDK instances in three child JVMs ({@link ClusterChild}) on one PostgreSQL schema, their scheduled refreshes
 * run by db-scheduler, through a simulated day: {@value #TABLES} tables, each due once a day at its own time (one
 * slot every 6 minutes). The test moves the shared clock ({@link FileClock}) an hour at a time, and waits until
 * every slot that passed has run. In the 11th hour one table's refresh never ends (a slow source); the test kills the
 * instance that runs it with SIGKILL, and another instance takes the refresh over.
 *
 * <p>Time: the clock the children's SDK and db-scheduler read is real time plus an offset the test moves forward,
 * so heartbeats and leases run out in real seconds, as in production, while the day passes in 24 moves.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class ClusterSchedulingTest {

    private static final Principal PAM = Principal.of("pam");
    private static final int TABLES = 240;
    private static final Duration SLOT_SPACING = Duration.ofMinutes(6);
    private static final Duration FIRST_SLOT = Duration.ofMinutes(3);
    private static final int SLOW_TABLE = 100;
    private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");
    private static final List<String> INSTANCES = List.of("node-a", "node-b", "node-c");
    /**
     * The longest a dead instance's refresh waits for another to take it over: db-scheduler finds its execution dead
     * (the missed heartbeats, and the look for dead executions every second heartbeat), the refresh's lease runs out,
     * the interrupted refresh is retried, and a few polls pass; plus room for a loaded machine.
     */
    private static final Duration TAKEOVER = ClusterChild.HEARTBEAT.multipliedBy(ClusterChild.MISSED_HEARTBEATS + 2)
            .plus(ClusterChild.LEASE).plus(ClusterChild.POLLING.multipliedBy(4)).plus(Duration.ofSeconds(10));
    private static final Duration STEP_WAIT = Duration.ofSeconds(30);

    /** Kept when the test fails: the children's stderr is there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final String schema = EmbeddedPostgresExtension.freshSchema();

    @Test
    void threeInstancesRunEverySlotOnceAndTakeOverTheRefreshOfAKilledOne() throws Exception {
        Path clockFile = dir.resolve("clock");
        Path slowMark = dir.resolve("slow");
        FileClock.moveTo(clockFile, DAY);
        FileClock clock = new FileClock(clockFile);
        String url = EmbeddedPostgresExtension.jdbcUrl(schema);
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(url);

        // the parent creates the tables and reads the history; it never refreshes (no scheduler of its own)
        try (Connections sdk = Connections.builder()
                .storage(JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), schema))
                .secretKey(ClusterChild.KEY)
                .clock(clock)
                .connector(new SlotConnector("parent", slowMark))
                .discoverConnectors(false)
                .externalScheduler()
                .build()) {
            ScheduledTasksTable.create(database);
            Map<String, ChildJvm> children = new LinkedHashMap<>();
            try {
                for (String name : INSTANCES) {
                    children.put(name, ChildJvm.start(ClusterChild.class, dir.resolve(name + ".err"), url, schema,
                            clockFile.toString(), slowMark.toString(), name));
                }
                // created while the instances start: their executions come from the reconcile, mostly
                Map<TableId, Instant> slots = createTables(sdk);
                TableId slow = List.copyOf(slots.keySet()).get(SLOW_TABLE);
                for (ChildJvm child : children.values()) {
                    child.await(ClusterChild.MARK, "ready"::equals, "that it is ready", Duration.ofSeconds(60));
                }
                await("the instances to settle").atMost(STEP_WAIT).until(() -> idle(database));

                String killed = null;
                for (int hour = 1; hour <= 24; hour++) {
                    Instant now = DAY.plus(Duration.ofHours(hour));
                    FileClock.moveTo(clockFile, now);
                    if (slots.get(slow).isBefore(now) && killed == null) {
                        await("the slow refresh to start").atMost(STEP_WAIT).until(() -> Files.exists(slowMark));
                        killed = Files.readString(slowMark, StandardCharsets.UTF_8);
                        children.get(killed).kill();
                        await("another instance to take over the killed one's refresh").atMost(TAKEOVER)
                                .until(() -> succeeded(database).contains(slow.value()));
                    }
                    long passed = slots.values().stream().filter(s -> s.isBefore(now)).count();
                    await("every slot before " + now + " to run").atMost(STEP_WAIT)
                            .until(() -> succeeded(database).size() == passed && idle(database));
                }
                assertThat(killed).as("the instance that ran the slow refresh").isIn(INSTANCES);
                assertEverySlotRanOnce(sdk, slots, slow, killed);
                assertEveryTableIsPlannedForTomorrow(sdk, database);
            } finally {
                children.values().forEach(ChildJvm::close);
            }
        }
    }

    /** @return each table's slot of the day, in order: table i is due daily at 00:03 + 6 min * i */
    private static Map<TableId, Instant> createTables(Connections sdk) throws Exception {
        Connection connection = sdk.connections().create(PAM, NewConnection.of(SlotConnector.ID, "Slots"));
        ExecutorService creators = Executors.newFixedThreadPool(4);
        try {
            List<Future<TableId>> created = new ArrayList<>();
            for (int i = 0; i < TABLES; i++) {
                int index = i;
                created.add(creators.submit(() -> createTable(sdk, connection, index)));
            }
            Map<TableId, Instant> slots = new LinkedHashMap<>();
            for (int i = 0; i < TABLES; i++) {
                slots.put(created.get(i).get(), slot(i));
            }
            return slots;
        } finally {
            creators.shutdownNow();
        }
    }

    private static TableId createTable(Connections sdk, Connection connection, int index) {
        RefreshSchedule daily = new RefreshSchedule.Daily(LocalTime.ofInstant(slot(index), ZoneOffset.UTC),
                ZoneOffset.UTC);
        ConnectedTable table = sdk.tables().create(PAM, NewTable.builder().app("cluster").name("t" + index)
                .connection(connection.id()).object(index == SLOW_TABLE ? SlotConnector.SLOW : SlotConnector.FAST)
                .fields("id", "instance").refreshKey("id").schedule(daily).build());
        return table.id();
    }

    private static Instant slot(int index) {
        return DAY.plus(FIRST_SLOT).plus(SLOT_SPACING.multipliedBy(index));
    }

    /** @return the ids of the tables with a SUCCEEDED refresh */
    private List<String> succeeded(DataSource database) throws SQLException {
        return strings(database, "SELECT \"table_id\" FROM " + schema + ".\"refresh_run\" WHERE \"status\" = "
                + "'SUCCEEDED'");
    }

    /** @return whether no refresh is running and no db-scheduler execution is picked */
    private boolean idle(DataSource database) throws SQLException {
        return strings(database, "SELECT \"id\" FROM " + schema + ".\"refresh_run\" WHERE \"status\" = 'RUNNING'")
                .isEmpty() && strings(database, "SELECT task_instance FROM scheduled_tasks WHERE picked").isEmpty();
    }

    private static List<String> strings(DataSource database, String query) throws SQLException {
        try (java.sql.Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            List<String> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1));
            }
            return found;
        }
    }

    private static void assertEverySlotRanOnce(Connections sdk, Map<TableId, Instant> slots, TableId slow,
                                               String killed) {
        for (Map.Entry<TableId, Instant> slot : slots.entrySet()) {
            List<RefreshRun> runs = sdk.tables().history(PAM, slot.getKey(), 10);
            List<RefreshRun> succeeded = runs.stream().filter(r -> r.status() == RefreshStatus.SUCCEEDED).toList();
            assertThat(succeeded).as("the successful refreshes of the table due at %s", slot.getValue()).hasSize(1);
            RefreshRun run = succeeded.get(0);
            // in the hour of its slot: the test moved on only when every slot before it had run
            assertThat(run.startedAt()).as("when the refresh due at %s started", slot.getValue())
                    .isAfterOrEqualTo(slot.getValue()).isBefore(slot.getValue().plus(Duration.ofHours(1)));
            // a refresh may fail only by being interrupted: the killed instance's
            assertThat(runs).filteredOn(r -> r.status() != RefreshStatus.SUCCEEDED)
                    .allSatisfy(r -> assertThat(r.failureKind()).isEqualTo(FailureKind.INTERRUPTED));
            String reader = instanceOf(sdk, slot.getKey());
            assertThat(reader).isIn(INSTANCES);
            if (slot.getKey().equals(slow)) {
                assertThat(runs).as("the slow table's refreshes").hasSize(2);
                assertThat(reader).as("the instance that committed the slow table").isNotEqualTo(killed);
            }
        }
    }

    /** @return the instance whose read the table holds */
    private static String instanceOf(Connections sdk, TableId table) {
        try (Stream<Object[]> rows = sdk.tables().rows(PAM, table)) {
            List<Object[]> all = rows.toList();
            assertThat(all).hasSize(1);
            return (String) all.get(0)[1];
        }
    }

    /** Every table is due at its slot tomorrow, and db-scheduler's execution of it is planned for then. */
    private static void assertEveryTableIsPlannedForTomorrow(Connections sdk, DataSource database)
            throws SQLException {
        Map<String, Instant> planned = new HashMap<>();
        try (java.sql.Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT task_instance, execution_time FROM scheduled_tasks "
                     + "WHERE task_name = '" + DbSchedulerRefreshes.REFRESH_TASK + "'")) {
            while (rs.next()) {
                planned.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            }
        }
        Map<TableId, Instant> due = sdk.scheduledRefreshes();
        assertThat(due).hasSize(TABLES);
        due.forEach((table, at) -> {
            assertThat(at).isAfterOrEqualTo(DAY.plus(Duration.ofDays(1)));
            assertThat(planned.get(table.value())).as("the execution of %s", table).isEqualTo(at);
        });
    }
}
