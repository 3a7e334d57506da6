package dev.connections.tck;

import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.RefreshWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RefreshWriter} that hands every call to another one, for tests that pause or signal at one step of a
 * refresh (at the commit, say) and keep the rest; see {@link ForwardingStorage}.
 */
public abstract class ForwardingRefreshWriter implements RefreshWriter {

    private final RefreshWriter delegate;

    /** @param delegate the writer that does the work; never null */
    protected ForwardingRefreshWriter(RefreshWriter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the writer that does the work */
    protected final RefreshWriter delegate() {
        return delegate;
    }

    @Override
    public void upsert(Row row) {
        delegate.upsert(row);
    }

    @Override
    public void delete(Object[] key) {
        delegate.delete(key);
    }

    @Override
    public RefreshCounts prepare(boolean removeUnseen) {
        return delegate.prepare(removeUnseen);
    }

    @Override
    public void commit(@Nullable Cursor next, RefreshRun run) {
        delegate.commit(next, run);
    }

    @Override
    public void abort() {
        delegate.abort();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
