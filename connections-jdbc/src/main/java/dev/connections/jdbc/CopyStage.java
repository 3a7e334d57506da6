package dev.connections.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stages records on PostgreSQL with {@code COPY ... FROM STDIN} (text format) into a temporary table (not logged),
 * the fastest way in. Deletions go through a {@link BatchStage}; a deletion ends the COPY in progress, since a
 * connection runs one statement at a time. Loaded only when the host's driver is pgjdbc. Used by one thread.
 */
final class CopyStage implements Stage {

    private static final int CHUNK = 1 << 16;

    private final PGConnection pg;
    private final boolean hashed;
    private final String copySql;
    private final BatchStage deletes;
    private final CopyText buffer = new CopyText(CHUNK + 4096);
    private CopyIn copy;

    private CopyStage(PGConnection pg, String copySql, BatchStage deletes, boolean hashed) {
        this.pg = pg;
        this.hashed = hashed;
        this.copySql = copySql;
        this.deletes = deletes;
    }

    /** @return a COPY stage, or null when the connection is not a pgjdbc connection */
    static Stage tryCreate(Connection connection, StageTables stage, DataTable table) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return null;
        }
        String sql = "COPY " + stage.rows() + " (" + StageMerge.stagedRecordColumns(table) + ") FROM STDIN";
        return new CopyStage(connection.unwrap(PGConnection.class), sql, new BatchStage(connection, stage, table),
                table.hashed());
    }

    @Override
    public void row(long seq, long line, Object[] values, long hash) throws SQLException {
        buffer.number(seq);
        buffer.tab();
        buffer.number(line);
        for (Object value : values) {
            buffer.tab();
            buffer.value(value);
        }
        if (hashed) {
            buffer.tab();
            buffer.number(hash);
        }
        buffer.endOfRecord();
        if (buffer.size() >= CHUNK) {
            send();
        }
    }

    private void send() throws SQLException {
        if (buffer.size() == 0) {
            return;
        }
        if (copy == null) {
            deletes.flushDeletes();
            copy = pg.getCopyAPI().copyIn(copySql);
        }
        copy.writeToCopy(buffer.bytes(), 0, buffer.size());
        buffer.clear();
    }

    private void endCopy() throws SQLException {
        send();
        if (copy != null) {
            copy.endCopy();
            copy = null;
        }
    }

    @Override
    public void delete(long seq, Object[] key) throws SQLException {
        endCopy();
        deletes.delete(seq, key);
    }

    @Override
    public void finish() throws SQLException {
        endCopy();
        deletes.finish();
    }

    @Override
    public void discard() throws SQLException {
        buffer.clear();
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } finally {
            copy = null;
            deletes.discard();
        }
    }
}
