package dev.connections.core;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsException;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.core.internal.Engine;
import dev.connections.core.internal.RefreshEngine;
import dev.connections.spi.storage.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scheduled refreshes when they are due. A table is due when its schedule's next run after its latest
 * refresh (or its creation) has come; refreshes missed while the host was down therefore run once, not once per
 * missed slot. Thread-safe.
 */
final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final Engine engine;
    private final RefreshEngine refreshes;
    private final TableService tables;
    private final Executor pool;
    private final Duration pollInterval;
    private final Set<Object> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    /** @param pollInterval how often to look for due tables; null for no built-in timer */
    Scheduler(Engine engine, RefreshEngine refreshes, TableService tables, Executor pool, Duration pollInterval) {
        this.engine = engine;
        this.refreshes = refreshes;
        this.tables = tables;
        this.pool = pool;
        this.pollInterval = pollInterval;
    }

    synchronized void start() {
        if (pollInterval == null || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connections-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            recoverInterrupted();
            runDue();
        } catch (RuntimeException e) {
            LOG.warn("The scheduler could not look for due refreshes: {}", e.toString());
        }
    }

    List<CompletableFuture<RefreshRun>> runDue() {
        Instant now = engine.clock().instant();
        List<CompletableFuture<RefreshRun>> started = new ArrayList<>();
        for (ConnectedTable t : engine.storage().tables().all()) {
            if (t.schedule() == RefreshSchedule.manual() || !isDue(t, now) || !inFlight.add(t.id())) {
                continue;
            }
            started.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return refreshes.refresh(t.id(), RefreshRun.Trigger.SCHEDULED);
                } catch (ConnectionsException e) {
                    LOG.debug("Scheduled refresh of {} skipped: {}", t.id(), e.getMessage());
                    return null;
                } finally {
                    inFlight.remove(t.id());
                }
            }, pool));
        }
        return started;
    }

    private boolean isDue(ConnectedTable t, Instant now) {
        RefreshRun last = engine.storage().history().recent(t.id(), 1).stream().findFirst().orElse(null);
        Optional<Instant> next = tables.nextRefresh(t, last);
        return next.isPresent() && !next.get().isAfter(now);
    }

    /** Marks RUNNING history entries whose refresh nobody holds any more (the process died) as FAILED. */
    void recoverInterrupted() {
        for (RefreshRun run : engine.storage().history().running()) {
            Instant now = engine.clock().instant();
            Optional<Lease> lease = engine.tryTableLease(run.table());
            if (lease.isEmpty()) {
                continue;
            }
            try (Lease held = lease.get()) {
                boolean stillRunning = engine.storage().history().running().stream()
                        .anyMatch(r -> r.id().equals(run.id()));
                if (stillRunning) {
                    engine.storage().history().save(run.failed(now, "INTERRUPTED", "The refresh was interrupted "
                            + "before it committed (the process stopped); the table kept the data of its previous "
                            + "refresh. The next refresh continues from there.", run.apiCalls()));
                    LOG.info("Refresh {} of table {} was interrupted; marked failed", run.id(), run.table());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
