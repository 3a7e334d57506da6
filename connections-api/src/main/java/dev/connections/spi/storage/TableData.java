package dev.connections.spi.storage;

import dev.connections.api.ConnectedTable;
import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The rows of connected tables and the cursors that describe them. Thread-safe; the engine runs at most one
 * writer per table at a time.
 *
 * <p>Rows are {@code Object[]} aligned with the table's connected fields, values of each field type's Java class or
 * null.
 */
public interface TableData {

    /**
     * Creates the table's storage, or alters it to a changed definition: columns still connected keep their values,
     * new columns are null, removed columns go. When the refresh key changed the rows are dropped. Either way the
     * cursor is dropped, so the next refresh is a full one.
     *
     * @param table the table's new definition
     */
    void define(ConnectedTable table);

    /**
     * Begins a refresh of a table. Nothing the writer does is visible until {@link RefreshWriter#commit}, and the
     * commit succeeds only while {@code fence} holds: checked inside the commit's transaction (or under the lock
     * the commit takes), so that a lease taken over between the check and the commit is impossible.
     *
     * <p>A table that was never defined is defined first. A table whose storage is laid out for another definition
     * (a change of the definition that stopped between {@link #define} and storing the definition) is defined
     * anew to {@code table} first, as {@link #define} does: its cursor is dropped, so the refresh that follows is a
     * full one.
     *
     * @param table the table's current definition, as stored
     * @param fence the lease that guards the table's refreshes, held by the caller
     * @return the writer, used by the calling thread only; the caller closes it
     * @throws LeaseLostException when the table's storage would be defined anew but {@code fence} no longer holds
     */
    RefreshWriter begin(ConnectedTable table, Lease fence);

    /**
     * @param table a table
     * @return the cursor committed with the table's current rows; empty before the first refresh, after define, or
     *         when the last refresh committed none
     */
    Optional<Cursor> cursor(TableId table);

    /**
     * Streams the rows of the last successful refresh. The caller must close the stream.
     *
     * @param table a table
     * @return rows in no particular order; empty for an unknown table
     */
    Stream<@Nullable Object[]> rows(TableId table);

    /**
     * Streams the rows of the last successful refresh aligned with the given definition's connected fields, as a host
     * reads them. Storage laid out for another definition (a change of it that stopped between {@link #define} and
     * storing the definition, until the next refresh lays it out again) lines up by field name and type
     * ({@link FieldAlignment}): a field it does not hold reads as null. The caller must close the stream.
     *
     * @param table the table's definition as stored
     * @return rows in no particular order; empty for an unknown table
     */
    Stream<@Nullable Object[]> rows(ConnectedTable table);

    /**
     * @param table a table
     * @return the number of rows; 0 for an unknown table
     */
    long count(TableId table);

    /**
     * Removes the table's rows, cursor and storage.
     *
     * @param table the table
     */
    void drop(TableId table);
}
