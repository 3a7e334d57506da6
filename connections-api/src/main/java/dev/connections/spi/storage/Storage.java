package dev.connections.spi.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Where the SDK keeps everything: connections (credentials only as ciphertext), connected tables, refresh history,
 * cursors, the rows of connected tables and the OAuth authorizations waiting for their callback. Core has an
 * in-memory storage; {@code connections-jdbc} keeps it in H2 or PostgreSQL; a host may write its own and prove it
 * with the TCK's storage contract suites.
 *
 * <p>Implementations MUST be thread-safe. The engine asks for a store ({@link #tables()}, ...) on every use, so those
 * methods should return a field. The SDK closes its storage when it is closed itself, whether the host gave the
 * storage or the SDK made it; a failure to close is logged, not thrown. A storage shared by several SDK instances is
 * so closed by the first of them that closes.
 */
public interface Storage extends AutoCloseable {

    /** @return the connections */
    ConnectionStore connections();

    /** @return the table definitions and their due times */
    TableStore tables();

    /** @return the refresh history */
    HistoryStore history();

    /** @return the rows and cursors of connected tables */
    TableData data();

    /** @return the OAuth authorizations waiting for their callback, shared by every instance on this storage */
    AuthorizationStore authorizations();

    /**
     * Takes a named lease if nobody else holds it (or the holder let it expire). Used to run each table's refresh
     * on one thread of one instance at a time, cluster-wide. Each take issues a new {@link Lease#generation()}.
     *
     * <p>A storage shared by several processes judges expiry by its own clock (a database's
     * current time), not by {@code now}: the instances' clocks may differ, and an instance whose clock
     * runs ahead must not take a lease that is still held. {@code now} is for storages that have no clock of their
     * own, like the in-memory one, which serves one process.
     *
     * @param name   what the lease guards, e.g. {@code refresh:t-123}
     * @param holder who asks (an instance id); a holder may take again a lease it holds (with a new generation)
     * @param now    the current time by the engine's clock, for storages that have no clock of their own
     * @param ttl    how long the lease lasts unless renewed
     * @return the lease, or empty when another holder has it
     */
    Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl);

    /**
     * A key for encrypting credentials that the storage keeps itself (the embedded default keeps a key file with
     * owner-only permissions next to its database). The engine uses it when the host gives no key.
     *
     * @return the key, or empty when the host must give one (the default)
     */
    default Optional<SecretKey> defaultSecretKey() {
        return Optional.empty();
    }

    /**
     * Releases resources; the SDK calls it when it is closed itself. Throws no checked exception. The default does
     * nothing.
     */
    @Override
    default void close() {
    }
}
