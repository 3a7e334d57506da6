package dev.connections.benchmarks;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * An SDK with the default in-memory storage and one connected table over {@link RowsFile#NAME} in a folder: what a
 * host would set up, through the public API only. The csv connector is found by ServiceLoader. Closes the SDK on
 * {@link #close()}; used by one thread.
 */
final class BenchTable implements AutoCloseable {

    private static final Principal PAM = Principal.of("pam");

    private final Connections sdk;
    private final ConnectedTable table;

    BenchTable(Path folder) {
        this.sdk = Connections.builder().connector(CsvConnector.allowingRoots(folder)).build();
        Connection connection = sdk.connections().create(PAM,
                NewConnection.of("csv", "bench").set("folder", folder.toString()));
        this.table = sdk.tables().create(PAM, NewTable.builder().app("bench").name("Rows")
                .connection(connection.id()).object(RowsFile.NAME)
                .fields(RowsFile.COLUMNS).refreshKey("id")
                .tableUpdates(TableUpdates.REMOVE).build());
    }

    /**
     * Refreshes the table and checks that the refresh did what the benchmark expects, so that a failed or
     * short-cut refresh cannot pass for a fast one.
     */
    RefreshRun refresh(String expected, Predicate<RefreshCounts> check) {
        RefreshRun run = sdk.tables().refresh(PAM, table.id());
        if (run.status() != RefreshStatus.SUCCEEDED) {
            throw new IllegalStateException("the refresh " + run.status() + " (" + run.failureKind() + "): "
                    + run.message());
        }
        if (!check.test(run.counts())) {
            throw new IllegalStateException("the refresh (" + run.mode() + ") reported " + run.counts()
                    + ", expected " + expected);
        }
        return run;
    }

    @Override
    public void close() {
        sdk.close();
    }
}
