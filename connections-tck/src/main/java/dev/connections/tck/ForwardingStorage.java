package dev.connections.tck;

import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.HistoryStore;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.TableData;
import dev.connections.spi.storage.TableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * A {@link Storage} that hands every call to another one, for tests and tools that change one part of a storage's
 * behaviour (signal at a point of a refresh, keep a shared storage open when an SDK closes) and keep the rest.
 * Override what differs; a method the SPI gains later is forwarded here once, not in every wrapper.
 */
public abstract class ForwardingStorage implements Storage {

    private final Storage delegate;

    /** @param delegate the storage that does the work; never null */
    protected ForwardingStorage(Storage delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the storage that does the work */
    protected final Storage delegate() {
        return delegate;
    }

    @Override
    public ConnectionStore connections() {
        return delegate.connections();
    }

    @Override
    public TableStore tables() {
        return delegate.tables();
    }

    @Override
    public HistoryStore history() {
        return delegate.history();
    }

    @Override
    public TableData data() {
        return delegate.data();
    }

    @Override
    public AuthorizationStore authorizations() {
        return delegate.authorizations();
    }

    @Override
    public Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
        return delegate.tryLease(name, holder, now, ttl);
    }

    @Override
    public Optional<SecretKey> defaultSecretKey() {
        return delegate.defaultSecretKey();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
