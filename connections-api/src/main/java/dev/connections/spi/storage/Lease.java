package dev.connections.spi.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * A lease taken from {@link Storage#tryLease}. Thread-safe. Closing it releases it.
 *
 * <p>Each take issues a {@link #generation() generation}, a fencing token: a refresh passes its lease to
 * {@link TableData#begin}, and its commit succeeds only while the lease still has that generation and has not run
 * out, so a holder that paused past its expiry (a long GC pause, a skewed clock) cannot overwrite the work of the
 * holder that took the lease over.
 */
public interface Lease extends AutoCloseable {

    /** @return what the lease guards, as given to {@link Storage#tryLease} */
    String name();

    /** @return who holds it, as given to {@link Storage#tryLease} */
    String holder();

    /**
     * The fencing token. The storage issues a new one each time the lease is taken, larger than every generation of
     * the same name before, also after the lease was released or the storage reopened; renewals keep it.
     *
     * @return this holding's generation, at least 1
     */
    long generation();

    /** @return when it runs out unless renewed, by the clock of the storage (see {@link Storage#tryLease}) */
    Instant expiresAt();

    /**
     * Extends the lease. A storage shared by several processes judges by its own clock (a database's), as
     * {@link Storage#tryLease} does, and ignores {@code now}.
     *
     * @param now the current time by the engine's clock, for storages that have no clock of their own
     * @param ttl how long from now the lease lasts unless renewed again
     * @return false when it was lost (taken by another holder after it ran out, or released); the work it guards
     *         must stop
     */
    boolean renew(Instant now, Duration ttl);

    /** Releases the lease if this holder still has it; its generation is not issued again. */
    @Override
    void close();
}
