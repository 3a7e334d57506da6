package dev.connections.core.internal;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ConnectionsException;
import dev.connections.api.FailureKind;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.LeaseLostException;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.StoredConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs refreshes: one table, one run, through the storage's writer. A run either commits data, cursor and history
 * entry together, or leaves the table as it was with a FAILED history entry. Thread-safe; at most one run per table
 * at a time, cluster-wide, by the table's lease.
 */
public final class RefreshEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshEngine.class);


    private final Shared shared;
    private final ScheduledExecutorService leaseRenewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "connections-lease-renewer");
        t.setDaemon(true);
        return t;
    });

    public RefreshEngine(Shared shared) {
        this.shared = shared;
    }

    /** Stops renewing leases; call after the refreshes have ended. */
    public void close() {
        leaseRenewer.shutdownNow();
    }

    /**
     * Refreshes a table now, on this thread.
     *
     * @return the run as recorded in the history: SUCCEEDED or FAILED
     * @throws ConnectionsException NOT_FOUND for an unknown table, CONFLICT when a refresh of it is running
     */
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    public RefreshRun refresh(TableId id, RefreshRun.Trigger trigger) {
        ConnectedTable table = shared.storage().tables().get(id)
                .orElseThrow(() -> ConnectionsException.notFound("There is no connected table " + id + "."));
        Lease lease = shared.tryTableLease(id).orElseThrow(() -> ConnectionsException.conflict(
                "A refresh of table '" + table.name() + "' is already running; wait for it to finish."));
        try (lease) {
            // read again under the lease: a change of the definition that finished just before it is the one to use
            ConnectedTable current = shared.storage().tables().get(id)
                    .orElseThrow(() -> ConnectionsException.notFound("Connected table " + id + " was deleted."));
            try (MDC.MDCCloseable t = MDC.putCloseable("table", id.value());
                 MDC.MDCCloseable c = MDC.putCloseable("connection", current.connection().value())) {
                return run(current, trigger, lease);
            }
        } finally {
            // the run stored when the table is due next; the scheduler looks once the lease is let go
            shared.agenda().wake();
        }
    }

    private RefreshRun run(ConnectedTable table, RefreshRun.Trigger trigger, Lease lease) {
        Optional<Cursor> cursor = shared.storage().data().cursor(table.id());
        ReadMode mode = cursor.isPresent() ? ReadMode.INCREMENTAL : ReadMode.FULL;
        RefreshRun started = RefreshRun.started(UUID.randomUUID().toString(), table.id(), trigger,
                mode, shared.clock().instant());
        shared.storage().history().save(started);
        MDC.put("refresh", started.id());
        shared.events().publish(new ConnectionsEvent.RefreshStarted(table.id(), started.id(), trigger,
                started.startedAt()));
        LOG.info("Refresh of table '{}' started ({} read)", table.name(), mode);
        long[] calls = {0};
        StoredConnection[] used = {null}; // the connection as this run read it, for a refusal to judge by
        try {
            shared.agenda().runStarted(table, started);
            StoredConnection connection = usableConnection(table);
            used[0] = connection;
            ReadRequest request = new ReadRequest(table.object(), table.fields(), table.refreshKey(), table.filter(),
                    mode, cursor.orElse(null));
            RefreshRun finished;
            try (LeaseKeeper keeper = new LeaseKeeper(shared, lease, leaseRenewer);
                 Sessions.Opened opened = Sessions.open(shared, connection);
                 RefreshWriter writer = shared.storage().data().begin(table, lease)) {
                EngineSink sink = new EngineSink(shared, table, started.id(), writer, mode, keeper);
                ReadResult result;
                try {
                    result = opened.session().read(request, sink);
                } finally {
                    calls[0] = opened.apiCalls();
                }
                boolean removeUnseen = result.performed() == ReadMode.FULL
                        && table.tableUpdates() == TableUpdates.REMOVE;
                RefreshCounts counts = writer.prepare(removeUnseen);
                finished = started.succeeded(result.performed(),
                        shared.clock().instant(), counts, calls[0]);
                keeper.renewNow();
                writer.commit(result.next(), finished);
            }
            LOG.info("Refresh of table '{}' succeeded: {}", table.name(), finished.counts());
            schedule(table, finished, null);
            shared.events().publish(new ConnectionsEvent.RefreshFinished(finished, finished.finishedAt()));
            return finished;
        } catch (RuntimeException e) {
            return failed(table, started, e, calls[0], used[0]);
        } finally {
            MDC.remove("refresh");
        }
    }

    /**
     * Stores when the table is due next. A storage failure here changes nothing of the run: the table stays due at
     * the slot {@link Agenda#runStarted} stored.
     */
    private void schedule(ConnectedTable table, RefreshRun ended, Duration retryAfter) {
        try {
            shared.agenda().runEnded(table, ended, retryAfter);
        } catch (RuntimeException e) {
            LOG.warn("Could not store when table '{}' is due next ({}); it stays due at its next slot", table.name(),
                    e.toString());
        }
    }

    private StoredConnection usableConnection(ConnectedTable table) {
        StoredConnection c = shared.storage().connections().get(table.connection()).orElseThrow(() ->
                new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The connection of this table was "
                        + "deleted. Switch the table to another connection of the same service."));
        if (c.status() == ConnectionStatus.NEEDS_REAUTHORIZATION) {
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The connection '" + c.name()
                    + "' needs reauthorization: its owner (" + c.owner() + ") must reauthorize it.");
        }
        if (c.status() == ConnectionStatus.SUPERSEDED) {
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The connection '" + c.name()
                    + "' can no longer be used: " + c.statusReason() + ". Switch the table to the newer "
                    + "connection, or have " + c.owner() + " reauthorize this one.");
        }
        return c;
    }

    /** Records a failed run, its kind taken from what was thrown. */
    private RefreshRun failed(ConnectedTable table, RefreshRun started, RuntimeException e, long calls,
                             StoredConnection used) {
        DuplicateKeyException duplicate = duplicateIn(e);
        if (duplicate != null) {
            return fail(table, started, FailureKind.INVALID_DATA, DuplicateKeyLines.message(shared, table, duplicate),
                    calls, e, used);
        }
        LeaseLostException lost = lostLeaseIn(e);
        if (lost != null) {
            // the storage refused the commit, or a renewal found the lease taken: another holder may have the table
            LOG.warn("Refresh of table '{}' was not committed: {}", table.name(), lost.getMessage());
            return fail(table, started, FailureKind.CONFLICT, LeaseKeeper.LOST, calls, e, used);
        }
        if (e instanceof ConnectorException c) {
            return fail(table, started, c.kind().failureKind(), c.getMessage(), calls, e, used);
        }
        if (e instanceof ConnectionsException c) {
            return fail(table, started, FailureKind.of(c.reason()), c.getMessage(), calls, e, used);
        }
        LOG.error("Refresh of table '{}' failed unexpectedly", table.name(), e);
        return fail(table, started, FailureKind.INTERNAL, "The refresh failed unexpectedly (" + e
                + "). The table keeps the data of its last successful refresh.", calls, e, used);
    }

    /** @return the lost lease's failure (the storage's at commit, the keeper's during the read), even wrapped */
    private static LeaseLostException lostLeaseIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LeaseLostException lost) {
                return lost;
            }
        }
        return null;
    }

    /** @return the storage's duplicate-key failure, even when a connector wrapped what its sink threw */
    private static DuplicateKeyException duplicateIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DuplicateKeyException d) {
                return d;
            }
        }
        return null;
    }

    /**
     * @param used the connection as the run read it; null when the run never got to use one
     */
    private RefreshRun fail(ConnectedTable table, RefreshRun started, FailureKind kind, String message, long calls,
                            RuntimeException cause, StoredConnection used) {
        RefreshRun failed = started.failed(shared.clock().instant(), kind, message, calls);
        shared.storage().history().save(failed);
        LOG.warn("Refresh of table '{}' failed ({}): {}", table.name(), kind, message);
        if (lostLeaseIn(cause) != null) {
            // the instance that took the table over sets its due time; this stale run must not move it back
            shared.events().publish(new ConnectionsEvent.RefreshFailed(failed, failed.finishedAt()));
            return failed;
        }
        schedule(table, failed, cause instanceof ConnectorException ce ? ce.retryAfter() : null);
        if (used != null && cause instanceof ConnectorException ce
                && ce.kind() == ConnectorException.Kind.AUTHENTICATION) {
            // judged on the connection as stored now: not after its owner reauthorized it since this run read it
            shared.statuses().changeIf(used.id(), shared.stillRefused(used), ConnectionStatus.NEEDS_REAUTHORIZATION,
                    message);
        }
        shared.events().publish(new ConnectionsEvent.RefreshFailed(failed, failed.finishedAt()));
        return failed;
    }
}
