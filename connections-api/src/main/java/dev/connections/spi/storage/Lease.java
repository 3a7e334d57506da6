package dev.connections.spi.storage;

import java.time.Duration;
import java.time.Instant;

/** A lease taken from {@link Storage#tryLease}. Thread-safe. Closing it releases it. */
public interface Lease extends AutoCloseable {

    /** @return what the lease guards, as given to {@link Storage#tryLease} */
    String name();

    /** @return who holds it, as given to {@link Storage#tryLease} */
    String holder();

    /** @return when it runs out unless renewed */
    Instant expiresAt();

    /**
     * Extends the lease.
     *
     * @param now the current time by the engine's clock
     * @param ttl how long from {@code now} the lease lasts unless renewed again
     * @return false when it was lost (expired and taken by another holder); the work it guards must stop
     */
    boolean renew(Instant now, Duration ttl);

    /** Releases the lease if this holder still has it. */
    @Override
    void close();
}
