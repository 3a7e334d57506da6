package dev.connections.core.internal.memory;

import dev.connections.core.internal.SecretBox;
import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.HistoryStore;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.TableData;
import dev.connections.spi.storage.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * A {@link Storage} that keeps everything in the heap of this process: the default when a host names no storage,
 * and the storage of tests. Everything is lost when the process ends, and leases guard only this process.
 *
 * <p>Thread-safe. Each store holds its own lock; the rows of each connected table have their own read-write lock, a
 * refresh keeps only its changes until it commits them all at once (see {@link TableData}). No method accepts or
 * returns null except where the storage SPI says so. Closing it does nothing.
 *
 * <p>It keeps its own secret key ({@link #defaultSecretKey()}): a random one, made with it and gone with it, like the
 * credentials it seals. Several SDK instances on one in-memory storage therefore open each other's credentials.
 */
public final class InMemoryStorage implements Storage {

    private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    private final InMemoryTableStore tables = new InMemoryTableStore();
    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final InMemoryLeases leases = new InMemoryLeases();
    private final InMemoryTableData data = new InMemoryTableData(history, leases);
    private final InMemoryAuthorizationStore authorizations = new InMemoryAuthorizationStore();
    private final SecretKey key = SecretBox.newKey();

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public TableStore tables() {
        return tables;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public TableData data() {
        return data;
    }

    @Override
    public AuthorizationStore authorizations() {
        return authorizations;
    }

    @Override
    public Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
        return leases.tryLease(name, holder, now, ttl);
    }

    /** @return this storage's own key: random, and lost with the storage when the process ends */
    @Override
    public Optional<SecretKey> defaultSecretKey() {
        return Optional.of(key);
    }
}
