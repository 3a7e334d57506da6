package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.FailureKind;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 1 with a real crash: a child JVM refreshes a {@value #ROWS}-row CSV table into the embedded H2 storage and
 * is killed (SIGKILL) at points chosen by what it reports: early and late in the read, after the merge but before the
 * commit, while committing, and after the commit. After each kill a new instance on the folder sees the table exactly
 * as before the refresh or exactly as after it, its history shows the interrupted run as FAILED, nothing of the
 * refresh is left behind (staging tables, the dead process's lease), and the next refresh counts exactly the changes
 * between what the table holds and the file.
 */
class CrashSafetyTest {

    private static final int ROWS = 200_000;
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Principal PAM = Principal.of("pam");
    private static final String MARK = CrashChild.MARK;

    private final OrdersFile orders = new OrdersFile(ROWS);
    private final Map<String, RefreshStatus> runs = new LinkedHashMap<>();
    private final OrdersFile.Digest empty = new OrdersFile.Digest();
    private OrdersFile.Digest version1;
    private OrdersFile.Digest version2;

    @TempDir
    Path dir;
    private Path data;
    private Path exports;
    private TableId table;
    private int kills;

    /** What a new instance finds after a kill. */
    private record Found(OrdersFile.Digest rows, RefreshRun run) {
    }

    @Test
    void aRefreshKilledAtAnyPointLeavesTheTableAsBeforeOrAsAfterAndTheNextRefreshIsRight() throws Exception {
        data = dir.resolve("data");
        exports = dir.resolve("exports");
        orders.write(exports, 1);
        version1 = orders.digest(1);
        version2 = orders.digest(2);
        try (Connections sdk = open()) {
            sdk.start();
            Connection folder = sdk.connections().create(PAM,
                    NewConnection.of("csv", "Exports").set("folder", exports.toString()));
            ConnectedTable t = sdk.tables().create(PAM, NewTable.builder().app("crash").name("Orders")
                    .connection(folder.id()).object(OrdersFile.NAME).fields(OrdersFile.COLUMNS).refreshKey("id")
                    .tableUpdates(TableUpdates.REMOVE).build());
            table = t.id();
        }

        // the first refresh of the empty table, killed early in the read: the table stays empty
        assertInterrupted(killAt("none", "progress", progressOf(10_000)), empty);
        refreshAndExpect(new RefreshCounts(orders.size(1), 0, 0, 0), version1);

        orders.write(exports, 2);
        // half-way through the read, then at the last progress report (read done or nearly, merge about to run)
        assertInterrupted(killAt("none", "progress", progressOf(orders.size(2) / 2)), version1);
        assertInterrupted(killAt("none", "progress", progressOf(orders.size(2) / 10_000 * 10_000)), version1);
        // the merge ran in the refresh's transaction, not committed: all its changes to the table go
        assertInterrupted(killAt("prepared", "waiting", line -> true), version1);
        refreshAndExpect(orders.changes(1, 2), version2);

        orders.write(exports, 1);
        // while committing: the commit happened or it did not, and the table and the history agree on which
        Found racing = killAt("none", "committing", line -> true);
        if (racing.run().status() == RefreshStatus.SUCCEEDED) {
            assertCommitted(racing, orders.changes(2, 1), version1);
        } else {
            assertInterrupted(racing, version2);
            // after the commit, before the process ended: the refresh is done and stays done
            assertCommitted(killAt("committed", "waiting", line -> true), orders.changes(2, 1), version1);
        }
        // the file has not changed since the committed refresh, and its cursor says so: nothing is even read
        refreshAndExpect(RefreshCounts.NONE, version1);

        try (Connections sdk = open()) {
            sdk.start();
            Map<String, RefreshStatus> history = sdk.tables().history(PAM, table, 100).stream()
                    .collect(Collectors.toMap(RefreshRun::id, RefreshRun::status));
            assertThat(history).as("every run once, none left RUNNING").isEqualTo(runs);
        }
        assertThat(kills).isGreaterThanOrEqualTo(6);
    }

    private static Predicate<String> progressOf(long atLeast) {
        return line -> Long.parseLong(line) >= atLeast;
    }

    /**
     * Runs the child until it reports {@code step} (a line {@code "@@ <step> <rest>"} whose rest matches), kills it,
     * and opens a new instance on the folder.
     */
    private Found killAt(String waitAt, String step, Predicate<String> rest) throws Exception {
        String runId;
        try (ChildJvm child = ChildJvm.start(CrashChild.class, dir.resolve("child-" + kills + ".err"),
                data.toString(), waitAt)) {
            runId = child.await(MARK + "started ", line -> true, "the start of its refresh", STEP);
            child.await(MARK + step, line -> rest.test(line.strip()), step, STEP);
            child.kill();
            kills++;
        }
        try (Connections sdk = open()) {
            sdk.start();   // marks refreshes that a crash interrupted as FAILED
            RefreshRun run = sdk.tables().history(PAM, table, 100).stream().filter(r -> r.id().equals(runId))
                    .findFirst().orElseThrow(() -> new AssertionError("run " + runId + " is not in the history"));
            runs.put(run.id(), run.status());
            assertThat(stagingTables()).as("staging tables left behind").isEmpty();
            return new Found(digest(sdk), run);
        }
    }

    private void assertInterrupted(Found found, OrdersFile.Digest before) {
        assertThat(found.rows()).as("the table after a kill before the commit").isEqualTo(before);
        assertThat(found.run().status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(found.run().failureKind()).isEqualTo(FailureKind.INTERRUPTED);
        assertThat(found.run().message()).contains("interrupted").contains("previous refresh");
        assertThat(found.run().finishedAt()).isNotNull();
    }

    private void assertCommitted(Found found, RefreshCounts counts, OrdersFile.Digest after) {
        assertThat(found.rows()).as("the table after a kill after the commit").isEqualTo(after);
        assertThat(found.run().status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(found.run().counts()).isEqualTo(counts);
    }

    /** Refreshes in this JVM: it must succeed, count exactly the changes, and leave exactly the file's rows. */
    private void refreshAndExpect(RefreshCounts counts, OrdersFile.Digest after) {
        try (Connections sdk = open()) {
            sdk.start();
            RefreshRun run = sdk.tables().refresh(PAM, table);
            runs.put(run.id(), run.status());
            assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(run.counts()).isEqualTo(counts);
            assertThat(digest(sdk)).isEqualTo(after);
        }
    }

    private Connections open() {
        return Connections.builder().storage(JdbcStorage.embedded(data)).connector(CsvConnector.allowingRoots(exports))
                .externalScheduler().build();
    }

    private OrdersFile.Digest digest(Connections sdk) {
        try (Stream<Object[]> rows = sdk.tables().rows(PAM, table)) {
            return OrdersFile.Digest.of(rows);
        }
    }

    /** @return the staging tables in the database, read with plain SQL while the storage has it open */
    private List<String> stagingTables() throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath()
                .resolve("connections") + ";DATABASE_TO_LOWER=TRUE");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'connections' AND table_name LIKE 'cx\\_stage\\_%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
