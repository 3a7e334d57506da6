package dev.connections.core.internal;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.StoredConnection;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names both records of a refresh key that occurs twice: {@code orders.csv lines 2 and 4}. A storage finds the
 * duplicate at the second record and knows only its line, and remembering the line of every key would cost every
 * refresh memory. So the first is looked for on the failure path only: a source whose records have lines (a file) is
 * read again from the start, through the table's filter as the refresh applied it, and the read stops at the first
 * record with the key or at the second record, whichever comes first. Sources without lines are not read again.
 * Stateless; called by the thread that ran the refresh, under the table's lease.
 */
final class DuplicateKeyLines {

    private static final Logger LOG = LoggerFactory.getLogger(DuplicateKeyLines.class);

    private DuplicateKeyLines() {
    }

    /**
     * @return the failure message for the history: the object, and the lines of both records when the first is found,
     *         else the line of the second as the storage gave it
     */
    static String message(Shared shared, ConnectedTable table, DuplicateKeyException duplicate) {
        long first = duplicate.line() > 0 ? firstLine(shared, table, duplicate) : 0;
        if (first == 0) {
            return table.object() + ": " + duplicate.getMessage();
        }
        return table.object() + " lines " + first + " and " + duplicate.line() + ": the refresh key value "
                + Arrays.toString(duplicate.key().toArray()) + " occurs in both; the refresh key must be unique: "
                + "choose other fields, or add fields to the key";
    }

    /** @return the line of the first record with the key, before the second; 0 when it cannot be found */
    private static long firstLine(Shared shared, ConnectedTable table, DuplicateKeyException duplicate) {
        StoredConnection connection = shared.storage().connections().get(table.connection()).orElse(null);
        if (connection == null) {
            return 0;
        }
        Finder finder = new Finder(table, duplicate.key(), duplicate.line());
        ReadRequest request = new ReadRequest(table.object(), table.fields(), table.refreshKey(), table.filter(),
                ReadMode.FULL, null);
        try (Sessions.Opened opened = Sessions.open(shared, connection)) {
            opened.session().read(request, finder);
        } catch (Stop stop) {
            // the finder has what there is to find
        } catch (RuntimeException e) {
            LOG.debug("The source of table '{}' could not be read again for a duplicate key", table.name(), e);
        }
        return finder.first;
    }

    /** Watches the records for the first one with the key, and stops the read there or at the second record. */
    private static final class Finder implements RecordSink {
        private final Filter.RowPredicate filter;
        private final int[] keyColumns;
        private final List<Object> key;
        private final long second;
        private long first;

        Finder(ConnectedTable table, List<Object> key, long second) {
            this.filter = table.filter().compile(table.fields());
            this.keyColumns = table.keyColumns();
            this.key = key;
            this.second = second;
        }

        @Override
        public void accept(Row row) {
            if (row.line() >= second) {
                throw new Stop();
            }
            if (row.line() > 0 && filter.test(row.values()) && hasKey(row.values())) {
                first = row.line();
                throw new Stop();
            }
        }

        @Override
        public void deleted(Object... key) {
            // a full read reports no deletions that matter here
        }

        private boolean hasKey(Object[] values) {
            for (int i = 0; i < keyColumns.length; i++) {
                Object a = values[keyColumns[i]];
                Object b = key.get(i);
                boolean same = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0
                        : Objects.equals(a, b);
                if (!same) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Ends the read early; carries nothing. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }
}
