package dev.connections.scheduler.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.core.Connections;
import dev.connections.jdbc.JdbcStorage;
import dev.connections.tck.ClockMode;
import dev.connections.tck.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One SDK and its db-scheduler on an H2 file, in this JVM, on a test clock that both read: each table with a schedule
 * gets one execution at its due time (made by the reconcile for a table created after the scheduler started), runs
 * when it is due and moves to the table's next due time; a table made manual or deleted loses its execution. Each
 * case runs with a clock that stands still between moves and with one that ticks on every read.
 */
class DbSchedulerRefreshesTest {

    private static final Principal PAM = Principal.of("pam");
    private static final Duration RECONCILE = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private HikariDataSource database;
    private Connections sdk;
    private Scheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
        if (sdk != null) {
            sdk.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ClockMode.class)
    void aTableCreatedAfterTheSchedulerStartedRefreshesWhenDueAndWaitsForItsNextDueTime(ClockMode mode) {
        MutableClock clock = start(mode);
        TableId table = createTable(RefreshSchedule.everyHours(1));
        Instant due = sdk.scheduledRefreshes().get(table);

        clock.advance(RECONCILE.plusSeconds(1));
        await("the reconcile to plan the new table").atMost(WAIT)
                .until(() -> plannedAt(table).filter(due::equals).isPresent());

        clock.set(due.plusSeconds(1));
        await("the due refresh to run").atMost(WAIT).until(() -> succeeded(table) == 1);
        RefreshRun run = sdk.tables().history(PAM, table, 1).get(0);
        Instant next = run.startedAt().plus(Duration.ofHours(1));
        assertThat(sdk.scheduledRefreshes().get(table)).isBetween(next, next.plusMillis(1));
        await("the execution to move to the next due time").atMost(WAIT)
                .until(() -> plannedAt(table).equals(Optional.of(sdk.scheduledRefreshes().get(table))));
        assertThat(succeeded(table)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ClockMode.class)
    void aTableMadeManualOrDeletedLosesItsExecution(ClockMode mode) {
        MutableClock clock = start(mode);
        TableId manual = createTable(RefreshSchedule.everyHours(2));
        TableId deleted = createTable(RefreshSchedule.everyHours(3));
        clock.advance(RECONCILE.plusSeconds(1));
        await("the reconcile to plan both tables").atMost(WAIT)
                .until(() -> plannedAt(manual).isPresent() && plannedAt(deleted).isPresent());

        sdk.tables().updateSchedule(PAM, manual, RefreshSchedule.manual());
        sdk.tables().delete(PAM, deleted);
        clock.advance(RECONCILE.plusSeconds(1));
        await("both executions to go").atMost(WAIT)
                .until(() -> plannedAt(manual).isEmpty() && plannedAt(deleted).isEmpty());
        assertThat(sdk.tables().history(PAM, manual, 10)).isEmpty();
    }

    @Test
    void theReconcileIntervalMustBePositive() {
        DbSchedulerRefreshes refreshes = DbSchedulerRefreshes.of(Connections.builder().externalScheduler().build());
        assertThatThrownBy(() -> refreshes.withReconcileInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    private MutableClock start(ClockMode mode) {
        MutableClock clock = mode.startingAt(Instant.parse("2026-03-10T08:00:00Z"));
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        database = new HikariDataSource(pool);
        ScheduledTasksTable.create(database);
        ScheduledTasksTable.create(database);
        sdk = Connections.builder()
                .storage(JdbcStorage.of(database))
                .secretKey(new byte[32])
                .clock(clock)
                .connector(new SlotConnector("here", dir.resolve("slow")))
                .discoverConnectors(false)
                .externalScheduler()
                .build();
        sdk.start();
        scheduler = DbSchedulerRefreshes.of(sdk).withReconcileInterval(RECONCILE).schedulerFor(database)
                .clock(clock::instant)
                .pollingInterval(Duration.ofMillis(50))
                .build();
        scheduler.start();
        // the reconcile's first run, at the start: the next one comes when the test moves the clock past the interval
        Instant started = clock.instant();
        await("the first reconcile").atMost(WAIT).until(() -> {
            scheduler.triggerCheckForDueExecutions();
            TaskInstanceId reconcile = TaskInstanceId.of(DbSchedulerRefreshes.RECONCILE_TASK, RecurringTask.INSTANCE);
            return scheduler.getScheduledExecution(reconcile)
                    .filter(e -> !e.isPicked() && e.getExecutionTime().isAfter(started)).isPresent();
        });
        return clock;
    }

    private TableId createTable(RefreshSchedule schedule) {
        String name = "t" + schedule.shortestInterval().toHours();
        Connection connection = sdk.connections().create(PAM, NewConnection.of(SlotConnector.ID, name));
        ConnectedTable table = sdk.tables().create(PAM, NewTable.builder().app("one").name(name)
                .connection(connection.id()).object(SlotConnector.FAST).fields("id", "instance").refreshKey("id")
                .schedule(schedule).build());
        return table.id();
    }

    /** @return when db-scheduler's execution of the table is due; empty when it has none */
    private Optional<Instant> plannedAt(TableId table) {
        // a clock that stands still never ends db-scheduler's wait between polls by itself
        scheduler.triggerCheckForDueExecutions();
        return scheduler.getScheduledExecution(TaskInstanceId.of(DbSchedulerRefreshes.REFRESH_TASK, table.value()))
                .map(ScheduledExecution::getExecutionTime);
    }

    private long succeeded(TableId table) {
        scheduler.triggerCheckForDueExecutions();
        return sdk.tables().history(PAM, table, 10).stream().filter(r -> r.status() == RefreshStatus.SUCCEEDED)
                .count();
    }
}
