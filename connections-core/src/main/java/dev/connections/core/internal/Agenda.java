package dev.connections.core.internal;

import dev.connections.api.ConnectedTable;
import dev.connections.api.FailureKind;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.spi.storage.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one owner of when a table's next scheduled refresh is due. It computes the due time from the table's
 * schedule and its latest run, never from the clock (the caller's one reading of the clock is in the run), stores it
 * in the {@link TableStore}, and wakes the scheduler of this instance whenever a due time may have come closer.
 *
 * <p>A table is due at its schedule's next run after its latest refresh started (or after its creation); a run that
 * failed for a passing reason ({@link dev.connections.api.FailureKind#retriable()}: UNAVAILABLE, INTERRUPTED,
 * RATE_LIMITED) is due again sooner if that comes before: after the wait the service asked for, else after the retry
 * delay (RATE_LIMITED: at least an hour). Refreshes missed while the host was down therefore run once, not once per
 * missed slot. Due times are whole milliseconds, so every storage keeps them exactly.
 *
 * <p>It also owns how long the {@link Scheduler} leaves a due table it claimed, or found held: a claim lasts the lease
 * duration (a claim whose instance died runs out then); a table held by a running refresh waits for that refresh
 * (it stores the due time when it ends), one held by a change of its definition is tried again 5 seconds later.
 * Thread-safe.
 */
public final class Agenda {

    /** How soon a due table that a change of its definition held is tried again. */
    private static final Duration HELD_BY_CHANGE = Duration.ofSeconds(5);

    private final TableStore tables;
    private final Duration retryTransientAfter;
    private final Duration leaseDuration;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long version;

    /**
     * @param retryTransientAfter how soon a run that failed for a passing reason is tried again, unless the service
     *                            said how long to wait
     * @param leaseDuration       how long a refresh's lease lasts between renewals
     */
    public Agenda(TableStore tables, Duration retryTransientAfter, Duration leaseDuration) {
        this.tables = tables;
        this.retryTransientAfter = retryTransientAfter;
        this.leaseDuration = leaseDuration;
    }

    /** @return when a new table's first scheduled refresh is due; null for a manual schedule */
    public Instant firstDue(ConnectedTable table) {
        return table.schedule().nextAfter(table.createdAt()).map(Agenda::millis).orElse(null);
    }

    /** Tells the scheduler that a table was created with {@link #firstDue}. */
    public void created() {
        wake();
    }

    /**
     * Stores the due time of a table whose schedule changed, from its latest run (or its creation). The caller holds
     * the table's lease and {@link #wake}s the scheduler once it let go of it (woken earlier, the scheduler would find
     * the table due but held).
     *
     * @param latest the table's newest run; null when it never ran
     */
    public void scheduleChanged(ConnectedTable table, RefreshRun latest) {
        Instant due;
        if (latest == null) {
            due = firstDue(table);
        } else if (latest.status() == RefreshStatus.RUNNING) {
            due = nextSlot(table, latest);
        } else {
            due = afterRun(table, latest, null);
        }
        tables.setDue(table.id(), due);
    }

    /** A run started: until it ends the table is due at its next slot, so no scheduler starts it again meanwhile. */
    public void runStarted(ConnectedTable table, RefreshRun started) {
        tables.setDue(table.id(), nextSlot(table, started));
    }

    /**
     * A run ended (succeeded, failed or was found interrupted): the table is due at its next slot or retry. The caller
     * holds the table's lease and {@link #wake}s the scheduler once it let go of it.
     *
     * @param retryAfter how long the service asked to wait before trying again; null when it did not say
     */
    public void runEnded(ConnectedTable table, RefreshRun ended, Duration retryAfter) {
        tables.setDue(table.id(), afterRun(table, ended, retryAfter));
    }

    private static Instant nextSlot(ConnectedTable table, RefreshRun run) {
        return table.schedule().nextAfter(run.startedAt()).map(Agenda::millis).orElse(null);
    }

    private Instant afterRun(ConnectedTable table, RefreshRun run, Duration retryAfter) {
        Instant next = nextSlot(table, run);
        Instant retry = retryAt(run, retryAfter);
        return next != null && retry != null && retry.isBefore(next) ? retry : next;
    }

    /**
     * @param retryAfter how long the service asked to wait; null when it did not say
     * @return when a run that failed for a passing reason is tried again; null for any other run
     */
    private Instant retryAt(RefreshRun run, Duration retryAfter) {
        if (run.status() != RefreshStatus.FAILED || run.finishedAt() == null || run.failureKind() == null
                || !run.failureKind().retriable()) {
            return null;
        }
        Duration wait = retryTransientAfter;
        if (retryAfter != null && !retryAfter.isNegative()) {
            wait = retryAfter;
        } else if (run.failureKind() == FailureKind.RATE_LIMITED && wait.compareTo(Duration.ofHours(1)) < 0) {
            wait = Duration.ofHours(1);
        }
        return millis(run.finishedAt().plus(wait));
    }

    /**
     * @return the due time that holds a table the scheduler claims at {@code now}, until its refresh starts (a run
     *         that starts stores its next slot): the lease duration later
     */
    public Instant claimedUntil(Instant now) {
        return millis(now.plus(leaseDuration));
    }

    /**
     * @param byRefresh whether a running refresh holds the table's lease (else a change of its definition does)
     * @return when a due table whose lease was held at {@code now} is tried again: a refresh stores the due time when
     *         it ends (or recovery does, if its instance died), so after the lease duration; a change lets go soon
     */
    public Instant afterHeld(Instant now, boolean byRefresh) {
        return millis(now.plus(byRefresh ? leaseDuration : HELD_BY_CHANGE));
    }

    /** Rounds up to a whole millisecond, so that a due time is never earlier than computed. */
    private static Instant millis(Instant at) {
        Instant down = at.truncatedTo(ChronoUnit.MILLIS);
        return down.equals(at) ? at : down.plusMillis(1);
    }

    /** @return a number that changes whenever a due time may have come closer or a refresh ended */
    public long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes whoever waits in {@link #await}. */
    public void wake() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@link #version()} is no longer {@code seen}, at most {@code timeout} of real time.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void await(long seen, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (version == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
