package dev.connections.examples;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableDetails;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The quickstart: a connected table kept in sync with a folder of CSV files.
 *
 * <p>It copies the sample files shipped with the examples into a folder, connects to the folder, creates a table
 * with a filter, a two-field refresh key and REMOVE, and refreshes it; then it changes the folder (adds, edits and
 * removes rows) and refreshes again. Run it with the first command of the README.
 *
 * <p>It keeps its data in the embedded default storage, a folder {@code data} beside the exports folder
 * ({@code target/quickstart/data}). A second run finds its connection and table there by name instead of creating
 * them again, says how many rows the table kept, resets the exports folder to the samples (so the first refresh
 * brings the table back to them), and then changes the folder and refreshes as the first run did.
 *
 * <p>Argument: the exports folder; default {@code target/quickstart/exports}.
 */
public final class Quickstart {

    private static final String CONNECTION = "Pam's sales exports";
    private static final String TABLE = "Large orders";

    private Quickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/quickstart/exports").toAbsolutePath().normalize();
        Path data = folder.resolveSibling("data");
        copySamples(folder);
        Principal pam = Principal.of("pam");

        // The embedded default: an H2 database and its credentials key in a folder, kept from run to run. The
        // quickstart refreshes by hand and exits, so it turns the built-in scheduler off; a host that keeps running
        // leaves it on, and the table then refreshes every 4 hours by itself. CSV connections may read only the
        // folders the host allows in code: here, the exports folder.
        try (Connections sdk = Connections.builder()
                .storage(JdbcStorage.embedded(data))
                .connector(CsvConnector.allowingRoots(folder))
                .externalScheduler()
                .build()) {
            sdk.start();   // a refresh that a crash interrupted shows as FAILED in the history from here on

            Connection exports = findConnection(sdk, pam).orElse(null);
            ConnectedTable orders = findTable(sdk, pam).orElse(null);
            if (exports != null && !folder.toString().equals(exports.settings().get("folder"))) {
                // the data folder was made by a quickstart elsewhere (a checkout that moved): the table keeps its
                // rows and history and moves to a connection to this folder
                System.out.println("The data in " + data + " was made for the exports folder "
                        + exports.settings().get("folder") + ": replacing its connection with one to " + folder
                        + " and switching the table to it.");
                sdk.connections().delete(pam, exports.id(), true);
                exports = null;
            }
            if (exports == null) {
                exports = sdk.connections().create(pam,
                        NewConnection.of("csv", CONNECTION).set("folder", folder.toString()));
            }
            if (orders != null && !orders.connection().equals(exports.id())) {
                orders = sdk.tables().switchConnection(pam, orders.id(), exports.id());
            }
            if (orders == null) {
                System.out.println("Storage: " + data + " (no table from an earlier run: creating it)");
                orders = sdk.tables().create(pam, NewTable.builder()
                        .app("sales").name(TABLE).connection(exports.id()).object("orders.csv")
                        .fields("region", "order_no", "customer", "amount", "placed_at", "status")
                        .refreshKey("region", "order_no")
                        .filter(Filter.field("amount").greaterThan(100))
                        .tableUpdates(TableUpdates.REMOVE)
                        .schedule(RefreshSchedule.everyHours(4))
                        .build());
            } else {
                TableDetails stored = sdk.tables().details(pam, orders.id());
                System.out.println("Continuing from the previous run's data in " + data + ": table '"
                        + orders.name() + "' has " + stored.rowCount() + " rows from its last refresh ("
                        + (stored.lastSuccess() == null ? "none yet" : stored.lastSuccess().finishedAt()) + ")");
                printRows(sdk, pam, orders);
                System.out.println("The exports folder was reset to the samples: the first refresh below brings "
                        + "the table back to them.");
            }
            System.out.println("Connection: " + exports.name() + " -> " + exports.account()
                    + " (" + exports.status() + ", " + exports.lastTest().message() + ")");
            System.out.println("Objects:    " + sdk.connections().objects(pam, exports.id()).stream()
                    .map(o -> o.name()).toList());

            RefreshRun first = sdk.tables().refresh(pam, orders.id());
            System.out.println();
            System.out.println("First refresh:  " + first.status() + " " + first.mode() + " - " + first.counts());
            printDetails(sdk.tables().details(pam, orders.id()));
            printRows(sdk, pam, orders);

            changeTheFolder(folder);

            RefreshRun second = sdk.tables().refresh(pam, orders.id());
            System.out.println();
            System.out.println("Second refresh: " + second.status() + " " + second.mode()
                    + " - added " + second.counts().added() + ", updated " + second.counts().updated()
                    + ", removed " + second.counts().removed() + ", unchanged " + second.counts().unchanged());
            printRows(sdk, pam, orders);

            System.out.println();
            System.out.println("History (newest first):");
            for (RefreshRun run : sdk.tables().history(pam, orders.id(), 10)) {
                System.out.println("  " + run.startedAt() + "  " + run.status() + "  " + run.mode() + "  "
                        + run.counts());
            }
            System.out.println();
            System.out.println("The table and its history are kept in " + data + "; run the quickstart again to "
                    + "continue from them, or delete that folder to start over.");
        }
    }

    /** @return pam's connection of an earlier run, found by its name */
    private static Optional<Connection> findConnection(Connections sdk, Principal pam) {
        return sdk.connections().list(pam).stream()
                .filter(c -> c.service().equals("csv") && c.name().equals(CONNECTION))
                .findFirst();
    }

    /** @return the table an earlier run made, found by its name */
    private static Optional<ConnectedTable> findTable(Connections sdk, Principal pam) {
        return sdk.tables().list(pam).stream().filter(t -> t.name().equals(TABLE)).findFirst();
    }

    private static void printDetails(TableDetails d) {
        System.out.println("Details:");
        System.out.println("  service:         " + d.service());
        System.out.println("  connection:      " + d.connectionName() + " (owner " + d.connectionOwner() + ", "
                + d.connectionStatus() + ")");
        System.out.println("  object:          " + d.table().object());
        System.out.println("  connected fields " + d.table().fields().stream()
                .map(f -> f.name() + ":" + f.type()).toList());
        System.out.println("  refresh key:     " + d.table().refreshKey());
        System.out.println("  filter:          " + d.table().filter());
        System.out.println("  table updates:   " + d.table().tableUpdates());
        System.out.println("  schedule:        " + d.table().schedule() + ", next at " + d.nextRefreshAt());
        System.out.println("  rows:            " + d.rowCount());
    }

    private static void printRows(Connections sdk, Principal pam, ConnectedTable table) {
        System.out.println("Rows " + table.fieldNames() + ":");
        try (Stream<Object[]> rows = sdk.tables().rows(pam, table.id())) {
            rows.map(Arrays::toString).sorted().forEach(r -> System.out.println("  " + r));
        }
    }

    /** Adds two orders, edits one, removes one: what a nightly export would do. */
    private static void changeTheFolder(Path folder) throws IOException {
        Path file = folder.resolve("orders.csv");
        List<String> lines = Files.readAllLines(file);
        List<String> changed = lines.stream()
                .filter(l -> !l.startsWith("US,1003,"))
                .map(l -> l.startsWith("EU,1001,") ? l.replace("250.00", "275.00").replace(",open", ",won") : l)
                .collect(java.util.stream.Collectors.toList());
        changed.add("EU,1004,Nashua Branch,640.00,2026-11-08,open");
        changed.add("US,1004,\"Michael Scott Paper Company\",310.10,2026-11-09,open");
        Files.write(file, changed);
        System.out.println();
        System.out.println("Changed " + file + ": added EU/1004 and US/1004, edited EU/1001, removed US/1003");
    }

    private static void copySamples(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String name : List.of("orders.csv", "customers.csv")) {
            try (InputStream in = Quickstart.class.getResourceAsStream("/quickstart/" + name)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("sample " + name + " is missing from the jar"));
                }
                Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
