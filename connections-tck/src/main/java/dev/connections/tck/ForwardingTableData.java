package dev.connections.tck;

import dev.connections.api.ConnectedTable;
import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.TableData;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TableData} that hands every call to another one, for tests that change one step of a refresh or of a
 * definition change (fail after {@code define}, signal at {@code begin}) and keep the rest; see
 * {@link ForwardingStorage}.
 */
public abstract class ForwardingTableData implements TableData {

    private final TableData delegate;

    /** @param delegate the table data that does the work; never null */
    protected ForwardingTableData(TableData delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the table data that does the work */
    protected final TableData delegate() {
        return delegate;
    }

    @Override
    public void define(ConnectedTable table) {
        delegate.define(table);
    }

    @Override
    public RefreshWriter begin(ConnectedTable table, Lease fence) {
        return delegate.begin(table, fence);
    }

    @Override
    public Optional<Cursor> cursor(TableId table) {
        return delegate.cursor(table);
    }

    @Override
    public Stream<@Nullable Object[]> rows(TableId table) {
        return delegate.rows(table);
    }

    @Override
    public Stream<@Nullable Object[]> rows(ConnectedTable table) {
        return delegate.rows(table);
    }

    @Override
    public long count(TableId table) {
        return delegate.count(table);
    }

    @Override
    public void drop(TableId table) {
        delegate.drop(table);
    }
}
