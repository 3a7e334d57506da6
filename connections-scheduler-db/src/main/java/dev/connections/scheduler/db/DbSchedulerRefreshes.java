package dev.connections.scheduler.db;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.connections.api.TableId;
import dev.connections.core.Connections;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an SDK's scheduled refreshes as <a href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a> tasks on
 * the host's database, so that every instance of a cluster takes part and a dead instance's work is taken over.
 *
 * <p>Each table with an automatic schedule has one execution of the task {@value #REFRESH_TASK} whose instance id is
 * the table's id and whose execution time is the table's due time. db-scheduler picks a due execution on one
 * instance, which runs the refresh in db-scheduler's thread ({@link Connections#runScheduledRefresh}) while
 * db-scheduler keeps the execution's heartbeat; the execution is then moved to the table's next due time, read from
 * the SDK's storage (or removed when the table has no schedule any more). When an instance dies, the others find its
 * execution's heartbeat stale and run it again: the refresh it left RUNNING is marked interrupted once its lease ran
 * out, and the table refreshes again at once.
 *
 * <p>The recurring task {@value #RECONCILE_TASK} runs on one instance at a time, every {@link #reconcileInterval()}
 * (30 s by default): it creates the executions of tables that have none (new tables, schedules switched on) and moves
 * forward those due later than their table (a schedule made sooner). Storage, not db-scheduler, still decides that a
 * refresh is due and claims it, so a table never refreshes twice for one due time.
 *
 * <p>The SDK must run with {@link Connections.Builder#externalScheduler()}, and db-scheduler's clock must be the SDK's
 * (both the system clock unless a test controls time). Thread-safe; holds no resources.
 */
public final class DbSchedulerRefreshes {

    /** The name of the task whose executions are the tables' scheduled refreshes. */
    public static final String REFRESH_TASK = "connections-refresh";
    /** The name of the recurring task that keeps one execution per scheduled table. */
    public static final String RECONCILE_TASK = "connections-reconcile";

    private static final Logger LOG = LoggerFactory.getLogger(DbSchedulerRefreshes.class);
    /** How soon an execution whose run threw (the database was unreachable) is tried again. */
    private static final Duration RETRY_AFTER_ERROR = Duration.ofMinutes(1);

    private final Connections sdk;
    private final Duration reconcileInterval;
    private final CustomTask<Void> refreshTask;
    private final RecurringTask<Void> reconcileTask;

    private DbSchedulerRefreshes(Connections sdk, Duration reconcileInterval) {
        this.sdk = sdk;
        this.reconcileInterval = reconcileInterval;
        this.refreshTask = Tasks.custom(REFRESH_TASK, Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER_ERROR))
                .onDeadExecution(reviveAtOnce())
                .execute((instance, context) -> refresh(TableId.of(instance.getId())));
        this.reconcileTask = Tasks.recurring(RECONCILE_TASK, FixedDelay.of(reconcileInterval))
                .onDeadExecution(reviveAtOnce())
                .execute((instance, context) -> reconcile(context.getSchedulerClient()));
    }

    /**
     * @param sdk the SDK whose scheduled refreshes db-scheduler runs; built with
     *            {@link Connections.Builder#externalScheduler()}
     * @return the tasks for that SDK, reconciling every 30 seconds
     */
    public static DbSchedulerRefreshes of(Connections sdk) {
        return new DbSchedulerRefreshes(Objects.requireNonNull(sdk, "sdk"), Duration.ofSeconds(30));
    }

    /**
     * @param interval how often one instance of the cluster looks for tables whose execution is missing or due too
     *                 late: this bounds how late a new table's first refresh, or a schedule made sooner, is noticed
     *                 when it falls due within that time
     * @return tasks like these, reconciling at that interval
     * @throws IllegalArgumentException when the interval is not positive
     */
    public DbSchedulerRefreshes withReconcileInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the reconcile interval must be positive, not " + interval);
        }
        return new DbSchedulerRefreshes(sdk, interval);
    }

    /** @return how often the executions are reconciled with the tables' schedules */
    public Duration reconcileInterval() {
        return reconcileInterval;
    }

    /** @return the task to register as a known task of the host's db-scheduler {@link Scheduler} */
    public Task<Void> refreshTask() {
        return refreshTask;
    }

    /** @return the task to register as a start task ({@link SchedulerBuilder#startTasks}) of the host's scheduler */
    public RecurringTask<Void> reconcileTask() {
        return reconcileTask;
    }

    /**
     * A db-scheduler for a host that runs none yet: both tasks registered, everything else db-scheduler's defaults,
     * which the host may change (threads, polling and heartbeat intervals) before {@link SchedulerBuilder#build()}
     * and {@link Scheduler#start()}. The table {@code scheduled_tasks} must exist ({@link ScheduledTasksTable}).
     *
     * @param dataSource the database every instance of the cluster shares
     * @return a builder of the scheduler; the host starts and stops what it builds
     */
    public SchedulerBuilder schedulerFor(DataSource dataSource) {
        return Scheduler.create(Objects.requireNonNull(dataSource, "dataSource"), List.of(refreshTask))
                .startTasks(reconcileTask);
    }

    /**
     * Runs a dead instance's execution again at once: due when db-scheduler found it dead, by db-scheduler's clock
     * (its own {@code ReviveDeadExecution} takes the system clock's time, which a scheduler with another clock may
     * never reach).
     */
    private static <T> DeadExecutionHandler<T> reviveAtOnce() {
        return (dead, operations) -> {
            LOG.info("db-scheduler found {} dead (its instance stopped); running it again", dead.getExecution());
            operations.reschedule(dead, dead.getTimeDone());
        };
    }

    private CompletionHandler<Void> refresh(TableId table) {
        Optional<Instant> next = sdk.runScheduledRefresh(table);
        if (next.isEmpty()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Instant at = next.get();
        return (complete, operations) -> operations.reschedule(complete, at);
    }

    /** Creates missing executions, moves those due later than their table, and lets stale ones remove themselves. */
    private void reconcile(SchedulerClient client) {
        Map<TableId, Instant> due = sdk.scheduledRefreshes();
        Map<String, Instant> planned = new HashMap<>();
        client.fetchScheduledExecutionsForTask(REFRESH_TASK, Void.class,
                (ScheduledExecution<Void> e) -> planned.put(e.getTaskInstance().getId(), e.getExecutionTime()));
        int created = 0;
        int moved = 0;
        for (Map.Entry<TableId, Instant> table : due.entrySet()) {
            Instant at = planned.remove(table.getKey().value());
            if (at == null) {
                created += client.scheduleIfNotExists(refreshTask.instance(table.getKey().value()), table.getValue())
                        ? 1 : 0;
            } else if (at.isAfter(table.getValue())) {
                moved += move(client, table.getKey().value(), table.getValue()) ? 1 : 0;
            }
        }
        // executions of tables that are gone or manual now: due at once, they run and remove themselves
        for (String stale : planned.keySet()) {
            move(client, stale, Instant.EPOCH);
        }
        if (created + moved > 0) {
            LOG.debug("Reconciled scheduled refreshes: {} created, {} moved sooner", created, moved);
        }
    }

    private boolean move(SchedulerClient client, String table, Instant at) {
        try {
            return client.reschedule(TaskInstanceId.of(REFRESH_TASK, table), at);
        } catch (TaskInstanceException e) {
            // picked meanwhile: the run reschedules it from storage when it ends
            return false;
        }
    }
}
