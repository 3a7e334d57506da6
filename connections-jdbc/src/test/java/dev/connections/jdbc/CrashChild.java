package dev.connections.jdbc;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.spi.Cursor;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.Storage;
import dev.connections.tck.ForwardingRefreshWriter;
import dev.connections.tck.ForwardingStorage;
import dev.connections.tck.ForwardingTableData;
import dev.connections.spi.storage.TableData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link CrashSafetyTest} kills: a host on {@code JdbcStorage.embedded(folder)} that refreshes the one
 * table of pam's in it and says on stdout how far it got, one line per step, each starting with {@value #MARK}:
 * {@code started <run id>}, {@code progress <records read>} (the SDK's RefreshProgress events),
 * {@code prepared} (the writer merged the staged rows into the table, not yet committed), {@code committing},
 * {@code committed}, {@code finished <status>}.
 *
 * <p>Arguments: the storage folder, and where to stop and wait to be killed: {@code none}, {@code prepared} (after
 * the merge, before the commit), {@code committed} (after the commit, before the process ends), or {@code defined}:
 * instead of refreshing, drop the table's last connected field and stop after {@code data().define}, before the
 * changed definition is stored ({@code defined}, then {@code waiting}). Waiting is reading
 * stdin, which the test never writes to.
 */
public final class CrashChild {

    static final String MARK = "@@ ";

    private CrashChild() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String waitAt = args[1];
        Principal pam = Principal.of("pam");
        try (Connections sdk = Connections.builder()
                .storage(new Signalling(JdbcStorage.embedded(folder), waitAt))
                .connector(CsvConnector.allowingRoots(folder.resolveSibling("exports")))
                .externalScheduler()
                .listener(CrashChild::report)
                .build()) {
            sdk.start();
            List<ConnectedTable> tables = sdk.tables().list(pam);
            if (tables.size() != 1) {
                throw new IllegalStateException("expected one table of pam's, found " + tables);
            }
            ConnectedTable table = tables.get(0);
            if (waitAt.equals("defined")) {
                List<String> fewer = table.fieldNames().subList(0, table.fieldNames().size() - 1);
                sdk.tables().updateFields(pam, table.id(), fewer, table.refreshKey());
                say("changed");
                return;
            }
            RefreshRun run = sdk.tables().refresh(pam, table.id());
            say("finished " + run.status() + " " + run.counts() + " " + run.message());
        }
    }

    private static void report(ConnectionsEvent event) {
        if (event instanceof ConnectionsEvent.RefreshStarted s) {
            say("started " + s.runId());
        } else if (event instanceof ConnectionsEvent.RefreshProgress p) {
            say("progress " + p.recordsRead());
        }
    }

    static void say(String line) {
        System.out.println(MARK + line);
        System.out.flush();
    }

    private static void waitToBeKilled(String where) {
        say("waiting " + where);
        try {
            while (System.in.read() != -1) {
                // whatever comes, keep waiting: only a kill ends this process here
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("stdin closed while waiting to be killed " + where);
    }

    /** The storage as it is, saying when its refresh writer has prepared and committed. */
    private static final class Signalling extends ForwardingStorage {

        private final String waitAt;

        Signalling(Storage storage, String waitAt) {
            super(storage);
            this.waitAt = waitAt;
        }

        @Override
        public TableData data() {
            TableData data = delegate().data();
            return new ForwardingTableData(data) {
                @Override
                public void define(ConnectedTable table) {
                    data.define(table);
                    say("defined");
                    if (waitAt.equals("defined")) {
                        waitToBeKilled("after the data was defined, before the definition was stored");
                    }
                }
                @Override
                public RefreshWriter begin(ConnectedTable table, Lease fence) {
                    return new SignallingWriter(data.begin(table, fence), waitAt);
                }
            };
        }
    }

    /** The refresh's writer, saying when it has prepared and committed, and waiting to be killed where asked. */
    private static final class SignallingWriter extends ForwardingRefreshWriter {
        private final String waitAt;

        SignallingWriter(RefreshWriter writer, String waitAt) {
            super(writer);
            this.waitAt = waitAt;
        }

        @Override
        public RefreshCounts prepare(boolean removeUnseen) {
            RefreshCounts counts = super.prepare(removeUnseen);
            say("prepared " + counts);
            if (waitAt.equals("prepared")) {
                waitToBeKilled("after prepare, before commit");
            }
            return counts;
        }

        @Override
        public void commit(Cursor next, RefreshRun run) {
            say("committing");
            super.commit(next, run);
            say("committed");
            if (waitAt.equals("committed")) {
                waitToBeKilled("after commit");
            }
        }

    }
}
