package dev.connections.core.internal;

import dev.connections.api.ConnectionsException;
import dev.connections.api.FailureKind;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.spi.storage.DueRefresh;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scheduled refreshes when they are due. Storage keeps each table's due time ({@link Agenda} computes it);
 * a pass asks storage for the tables due now, earliest first, claims each one by moving its due time forward with a
 * compare-and-set (so of several instances on one database exactly one starts it), and hands it to the refresh
 * pool. The built-in loop then sleeps until the earliest due time, at most {@code longestSleep}, and wakes early when
 * a table is created, its schedule changes or a refresh ends.
 *
 * <p>Each pass reads the clock once and decides everything by that reading. A claimed table that does not start (its
 * instance died) becomes due again when its claim runs out after the lease duration. Thread-safe.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** How soon the loop looks again when a table is due that it could not claim though threads are free. */
    private static final Duration RACE_RETRY = Duration.ofMillis(100);
    /** The most tables one {@link #runDue()} claims. */
    private static final int BATCH = 100_000;
    /** Later than any due time: every storage keeps it (SQL timestamps end in the year 9999). */
    private static final Instant LAST_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private final Shared shared;
    private final RefreshEngine refreshes;
    private final ThreadPoolExecutor pool;
    private final int threads;
    private final Duration longestSleep;
    private final Set<TableId> inFlight = ConcurrentHashMap.newKeySet();
    /** Claimed refreshes waiting in the pool's queue, so that closing can hand their tables back. */
    private final Map<TableId, Queued> queued = new ConcurrentHashMap<>();
    private Thread loop;
    private volatile boolean running;

    /** One claimed table: the due time it had, and the one this instance stored to hold it. */
    private record Claim(TableId table, Instant was, Instant until) {
    }

    /** A claimed refresh in the pool's queue, and the future its caller holds. */
    private final class Queued implements Runnable {
        private final Claim claim;
        private final CompletableFuture<RefreshRun> future = new CompletableFuture<>();

        Queued(Claim claim) {
            this.claim = claim;
        }

        @Override
        public void run() {
            queued.remove(claim.table(), this);
            try {
                future.complete(Scheduler.this.run(claim));
            } catch (Throwable e) {
                future.completeExceptionally(e);
                throw e;
            }
        }

        /** It never ran: the table is due as it was, and the future completes with null. */
        void abandon() {
            try {
                tables().moveDue(claim.table(), claim.until(), claim.was());
            } catch (RuntimeException e) {
                LOG.warn("Could not hand table {} back to the schedule ({}); it is due again when its claim runs "
                        + "out", claim.table(), e.toString());
            } finally {
                inFlight.remove(claim.table());
                future.complete(null);
            }
        }
    }

    /**
     * @param threads      the size of the refresh pool
     * @param longestSleep the longest the built-in loop sleeps; null for no built-in loop
     */
    public Scheduler(Shared shared, RefreshEngine refreshes, ThreadPoolExecutor pool, int threads,
                     Duration longestSleep) {
        this.shared = shared;
        this.refreshes = refreshes;
        this.pool = pool;
        this.threads = threads;
        this.longestSleep = longestSleep;
    }

    public synchronized void start() {
        if (longestSleep == null || loop != null) {
            return;
        }
        running = true;
        loop = new Thread(this::loop, "connections-scheduler");
        loop.setDaemon(true);
        loop.start();
    }

    private void loop() {
        Instant recovered = null;
        while (running) {
            long seen = shared.agenda().version();
            Duration sleep = longestSleep;
            try {
                Instant now = shared.clock().instant();
                if (recovered == null || !now.isBefore(recovered.plus(longestSleep))) {
                    recoverInterrupted();
                    recovered = now;
                }
                start(claim(now, threads - inFlight.size()));
                sleep = sleep(now);
            } catch (RuntimeException e) {
                LOG.warn("The scheduler could not look for due refreshes: {}", e.toString());
            }
            try {
                shared.agenda().await(seen, sleep);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * @return how long the loop may sleep after a pass at {@code now}: until the earliest due time of a table that is
     *         not running here (one that is wakes the loop when it ends), at most the longest sleep
     */
    private Duration sleep(Instant now) {
        Optional<Instant> earliest = tables().earliestDue();
        if (earliest.isEmpty()) {
            return longestSleep;
        }
        if (inFlight.isEmpty() && earliest.get().isAfter(now)) {
            return shorter(Duration.between(now, earliest.get()));
        }
        // a table running here may be due again already (a refresh longer than its interval): look past it
        for (DueRefresh due : tables().dueBy(now.plus(longestSleep), inFlight.size() + 1)) {
            if (inFlight.contains(due.table())) {
                continue;
            }
            if (due.at().isAfter(now)) {
                return shorter(Duration.between(now, due.at()));
            }
            // due but not claimed here: every thread is busy (a refresh that ends wakes the loop), or another
            // instance claimed it between the two reads
            return inFlight.size() >= threads ? longestSleep : RACE_RETRY;
        }
        return longestSleep;
    }

    private Duration shorter(Duration until) {
        return until.compareTo(longestSleep) < 0 ? until : longestSleep;
    }

    /**
     * Starts every scheduled refresh that is due now on the refresh pool, earliest due first.
     *
     * @return one future per refresh started; one that did not run (another instance or a change held the table)
     *         completes with null
     */
    public List<CompletableFuture<RefreshRun>> runDue() {
        return start(claim(shared.clock().instant(), BATCH));
    }

    /** Claims up to {@code capacity} due tables that are not running here, earliest due first. */
    private List<Claim> claim(Instant now, int capacity) {
        if (capacity < 1) {
            return List.of();
        }
        Instant until = shared.agenda().claimedUntil(now);
        List<Claim> claimed = new ArrayList<>();
        for (DueRefresh due : tables().dueBy(now, capacity + inFlight.size())) {
            if (claimed.size() == capacity) {
                break;
            }
            try {
                if (!inFlight.contains(due.table()) && tables().moveDue(due.table(), due.at(), until)) {
                    inFlight.add(due.table());
                    claimed.add(new Claim(due.table(), due.at(), until));
                }
            } catch (RuntimeException e) {
                if (claimed.isEmpty()) {
                    throw e;
                }
                // start what was claimed: a table left claimed but not started would wait for its claim to run out
                LOG.warn("The scheduler could not claim more due tables: {}", e.toString());
                break;
            }
        }
        return claimed;
    }

    private List<CompletableFuture<RefreshRun>> start(List<Claim> claims) {
        List<CompletableFuture<RefreshRun>> started = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Queued task = new Queued(claims.get(i));
            queued.put(task.claim.table(), task);
            try {
                pool.execute(task);
            } catch (RuntimeException e) {
                // the pool refused (the SDK is closing): none of the rest runs here
                claims.subList(i, claims.size()).forEach(c -> {
                    Queued q = queued.remove(c.table());
                    (q != null ? q : new Queued(c)).abandon();
                });
                throw e;
            }
            started.add(task.future);
        }
        return started;
    }

    private RefreshRun run(Claim claim) {
        TableId id = claim.table();
        try {
            // claim again as the run starts: if the claim ran out while this waited for a thread and another
            // instance started the table, the due time moved and this one does not run it a second time
            Instant until = shared.agenda().claimedUntil(shared.clock().instant());
            if (!tables().moveDue(id, claim.until(), until)) {
                return null;
            }
            try {
                return refreshes.refresh(id, RefreshRun.Trigger.SCHEDULED);
            } catch (ConnectionsException e) {
                if (e.reason() == ConnectionsException.Reason.CONFLICT) {
                    tables().moveDue(id, until, shared.agenda().afterHeld(shared.clock().instant(), refreshing(id)));
                }
                LOG.debug("Scheduled refresh of {} skipped: {}", id, e.getMessage());
                return null;
            }
        } catch (RuntimeException e) {
            LOG.warn("Scheduled refresh of {} could not start ({}); it is due again when its claim runs out", id,
                    e.toString());
            return null;
        } finally {
            inFlight.remove(id);
            shared.agenda().wake();
        }
    }

    private boolean refreshing(TableId id) {
        return shared.storage().history().recent(id, 1).stream()
                .anyMatch(r -> r.status() == RefreshStatus.RUNNING);
    }

    /**
     * Runs one table's scheduled refresh in the calling thread if it is due now, for a host's scheduler that keeps
     * one job per table (see {@code Connections.runScheduledRefresh}). A refresh its instance left RUNNING is marked
     * interrupted first, once nobody holds the table's lease; while somebody does, the table is looked at again
     * after the lease duration.
     *
     * @return when to look at the table again: its due time; while a refresh holds it, the lease duration later (or
     *         its due time, if that comes first and has not passed); empty when it has no scheduled refresh (a manual
     *         schedule, or no such table)
     */
    public Optional<Instant> runDue(TableId table) {
        Instant now = shared.clock().instant();
        Optional<RefreshRun> latest = shared.storage().history().recent(table, 1).stream().findFirst();
        boolean held = latest.filter(r -> r.status() == RefreshStatus.RUNNING).isPresent() && !recover(latest.get());
        Optional<Instant> due = tables().due(table);
        if (held) {
            Instant again = shared.agenda().afterHeld(now, true);
            // a due time that passed meanwhile is the running refresh's to move when it ends
            return due.map(d -> d.isAfter(now) && d.isBefore(again) ? d : again);
        }
        if (due.isEmpty() || due.get().isAfter(now) || inFlight.contains(table)) {
            return due;
        }
        Instant until = shared.agenda().claimedUntil(now);
        if (tables().moveDue(table, due.get(), until)) {
            inFlight.add(table);
            run(new Claim(table, due.get(), until));
        }
        return tables().due(table);
    }

    /** @return every table that has a scheduled refresh, and when it is due, the earliest due first */
    public Map<TableId, Instant> scheduled() {
        Map<TableId, Instant> all = new LinkedHashMap<>();
        tables().dueBy(LAST_DUE, Integer.MAX_VALUE).forEach(d -> all.put(d.table(), d.at()));
        return all;
    }

    /** Marks RUNNING history entries whose refresh nobody holds any more (the process died) as FAILED. */
    public void recoverInterrupted() {
        shared.storage().history().running().forEach(this::recover);
    }

    /**
     * Marks one RUNNING history entry as FAILED if nobody holds its table's lease any more.
     *
     * @return false while somebody holds the lease (the refresh may be running), else true
     */
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    private boolean recover(RefreshRun run) {
        Optional<Lease> lease = shared.tryTableLease(run.table());
        if (lease.isEmpty()) {
            return false;
        }
        try (Lease held = lease.get()) {
            boolean stillRunning = shared.storage().history().running().stream()
                    .anyMatch(r -> r.id().equals(run.id()));
            if (stillRunning) {
                RefreshRun failed = run.failed(shared.clock().instant(), FailureKind.INTERRUPTED, "The refresh was "
                        + "interrupted before it committed (the process stopped); the table kept the data of its "
                        + "previous refresh. The next refresh continues from there.", run.apiCalls());
                shared.storage().history().save(failed);
                tables().get(run.table()).ifPresent(t -> shared.agenda().runEnded(t, failed, null));
                LOG.info("Refresh {} of table {} was interrupted; marked failed", run.id(), run.table());
            }
        }
        shared.agenda().wake();
        return true;
    }

    private TableStore tables() {
        return shared.storage().tables();
    }

    @Override
    public void close() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = loop;
            loop = null;
        }
        if (stopping == null) {
            return;
        }
        // wake it rather than interrupt it: an interrupt inside a database call can close the database's files
        shared.agenda().wake();
        try {
            stopping.join(Duration.ofSeconds(5).toMillis());
            if (stopping.isAlive()) {
                stopping.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the claimed refreshes that have not started out of the pool's queue and hands their tables back to the
     * schedule as they were (due now, for the next instance or start), completing their futures with null: closing
     * lets running refreshes finish, not a queue of them.
     */
    public void abandonQueued() {
        for (Queued task : List.copyOf(queued.values())) {
            if (pool.remove(task) && queued.remove(task.claim.table(), task)) {
                task.abandon();
            }
        }
    }
}
