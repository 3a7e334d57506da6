package dev.connections.jdbc;

import java.sql.SQLException;

/**
 * Where a refresh writer puts the records and deletions of one refresh until {@code prepare()}: two staging tables
 * that live until the end of the writer's transaction. Column {@code c<i>} holds field {@code i}; {@code seq}
 * orders everything written; {@code line} keeps the source line for messages; {@code h} the record's
 * {@link RowHash}, when the table keeps them. Used by one thread.
 */
interface Stage {

    /**
     * Stages a record.
     *
     * @param hash the {@link RowHash} of its values, stored with it where the table has hashes
     */
    void row(long seq, long line, Object[] values, long hash) throws SQLException;

    /** Stages a deletion by refresh key values, in key order. */
    void delete(long seq, Object[] key) throws SQLException;

    /** Writes out whatever is buffered; afterwards the staging tables can be queried. */
    void finish() throws SQLException;

    /** Drops what is buffered and releases statements; a COPY in progress is cancelled. Safe after finish. */
    void discard() throws SQLException;
}
