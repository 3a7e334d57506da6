package dev.connections.core.internal;

import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.LeaseLostException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a refresh's lease alive from a background thread for as long as the refresh runs, whether or not records
 * arrive (a connector may wait minutes for a bulk job), and tells the refresh when the lease was lost so that it
 * commits nothing. Thread-safe.
 */
final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    static final String LOST = "Another instance took over this table's refresh because this instance's lease ran "
            + "out before the refresh finished; this run changed nothing.";

    private final Shared shared;
    private final Lease lease;
    private final ScheduledFuture<?> renewals;
    private volatile boolean lost;

    LeaseKeeper(Shared shared, Lease lease, ScheduledExecutorService renewer) {
        this.shared = shared;
        this.lease = lease;
        long period = Math.max(1, shared.leaseDuration().toMillis() / 3);
        this.renewals = renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private boolean renew() {
        try {
            if (!lost && !lease.renew(shared.clock().instant(), shared.leaseDuration())) {
                lost = true;
            }
        } catch (RuntimeException e) {
            // storage trouble: keep trying; the renewal before the commit decides
            LOG.warn("Could not renew the refresh lease {}: {}", lease.name(), e.toString());
        }
        return !lost;
    }

    /** @throws LeaseLostException when the lease was lost (the run is recorded as a CONFLICT) */
    void check() {
        if (lost) {
            throw new LeaseLostException("a renewal found the lease taken by another holder");
        }
    }

    /** Renews now, before a commit. @throws LeaseLostException when the lease was lost */
    void renewNow() {
        if (!lost && !lease.renew(shared.clock().instant(), shared.leaseDuration())) {
            lost = true;
        }
        check();
    }

    /** Stops renewing; the lease itself is released by its owner. */
    @Override
    public void close() {
        renewals.cancel(false);
    }
}
