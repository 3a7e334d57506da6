package dev.connections.spi.storage;

import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import org.jspecify.annotations.Nullable;

/**
 * The changes of one refresh of one table, invisible until committed. Used by one thread. The engine calls
 * {@link #upsert} and {@link #delete} while the connector reads, then {@link #prepare} once, then
 * {@link #commit} or {@link #abort}; {@link #close} aborts a writer that was not committed.
 */
public interface RefreshWriter extends AutoCloseable {

    /**
     * Writes a record: added if its refresh key is new, updated if its values differ, left alone if equal.
     *
     * @param row values aligned with the table's connected fields; refresh key values never null or blank
     * @throws DuplicateKeyException when a record with the same refresh key was written before in this refresh
     *                               (now, or at the latest from {@link #prepare})
     */
    void upsert(Row row);

    /**
     * Deletes the record with these refresh key values, if the table has it.
     *
     * @param key the refresh key values, in key order, as a connector reported them
     */
    void delete(Object[] key);

    /**
     * Finishes the writes and counts what they do. With {@code removeUnseen}, every record not written by this
     * refresh is removed (REMOVE after a full read), computed in storage.
     *
     * @param removeUnseen whether to remove the records this refresh did not write
     * @return added, updated, unchanged and removed records
     */
    RefreshCounts prepare(boolean removeUnseen);

    /**
     * Makes the rows, the cursor and the run's history entry durable and visible, all or nothing.
     *
     * @param next the cursor to store with the rows; null to store none
     * @param run  the run's final history entry (SUCCEEDED, with the counts from {@link #prepare})
     * @throws LeaseLostException when the writer's fence no longer holds (it ran out by the storage's clock, or
     *                            another holder took it); nothing was committed and the writer is aborted
     */
    void commit(@Nullable Cursor next, RefreshRun run);

    /** Drops every change; the table stays exactly as before. Safe to call more than once. */
    void abort();

    /** Aborts unless committed. */
    @Override
    void close();
}
