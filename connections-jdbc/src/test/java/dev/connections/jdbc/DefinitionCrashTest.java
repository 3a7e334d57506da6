package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.TableData;
import dev.connections.tck.ForwardingStorage;
import dev.connections.tck.ForwardingTableData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of a table's connected fields that stops after the rows' storage was altered and before the definition
 * was stored (a storage that fails right after {@code data().define}, as a crash there would) leaves a table whose
 * next refresh succeeds with the right rows, on the same SDK and on a new one opened on the same H2 folder; and so does
 * a child JVM killed (SIGKILL) at that point ({@link CrashChild} {@code defined}).
 */
class DefinitionCrashTest {

    private static final Principal PAM = Principal.of("pam");
    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private Path data;
    private Path exports;

    @BeforeEach
    void writeFile() throws IOException {
        data = dir.resolve("data");
        exports = Files.createDirectories(dir.resolve("exports"));
        Files.writeString(exports.resolve("orders.csv"), "id,customer,amount\n1,Ann,10\n2,Bob,20\n");
    }

    @Test
    void aFieldChangeThatStoppedAfterDefineLeavesATableThatRefreshesOnTheSameAndOnANewSdk() throws IOException {
        TableId table;
        try (Connections sdk = open(new FailingAfterDefine(JdbcStorage.embedded(data)))) {
            table = createAndRefresh(sdk);
            Files.writeString(exports.resolve("orders.csv"), "id,customer,amount\n1,Ann,11\n3,Cy,30\n");

            assertThatThrownBy(() -> sdk.tables().updateFields(PAM, table, List.of("id", "customer"), List.of("id")))
                    .hasMessageContaining("stopped after define");
            assertRefreshed(sdk, table, "[1, Ann, 11]", "[3, Cy, 30]");

            assertThatThrownBy(() -> sdk.tables().updateFields(PAM, table, List.of("id", "customer"), List.of("id")))
                    .hasMessageContaining("stopped after define");
        }
        Files.writeString(exports.resolve("orders.csv"), "id,customer,amount\n1,Ann,12\n4,Dee,40\n");
        try (Connections sdk = open(JdbcStorage.embedded(data))) {
            assertRefreshed(sdk, table, "[1, Ann, 12]", "[4, Dee, 40]");

            sdk.tables().updateFields(PAM, table, List.of("id", "customer"), List.of("id"));
            assertRefreshed(sdk, table, "[1, Ann]", "[4, Dee]");
        }
    }

    @Test
    void aFieldChangeKilledAfterDefineLeavesATableThatRefreshes() throws Exception {
        try (Connections sdk = open(JdbcStorage.embedded(data))) {
            createAndRefresh(sdk);
        }
        Files.writeString(exports.resolve("orders.csv"), "id,customer,amount\n1,Ann,11\n3,Cy,30\n");
        try (ChildJvm child = ChildJvm.start(CrashChild.class, dir.resolve("child.err"), data.toString(),
                "defined")) {
            child.await(CrashChild.MARK + "waiting", line -> true, "the change stopped after define", STEP);
            child.kill();
        }

        try (Connections sdk = open(JdbcStorage.embedded(data))) {
            TableId table = sdk.tables().list(PAM).get(0).id();
            assertThat(sdk.tables().list(PAM).get(0).fieldNames()).containsExactly("id", "customer", "amount");
            assertRefreshed(sdk, table, "[1, Ann, 11]", "[3, Cy, 30]");
        }
    }

    private TableId createAndRefresh(Connections sdk) {
        Connection folder = sdk.connections().create(PAM, NewConnection.of("csv", "Exports")
                .set("folder", exports.toString()));
        ConnectedTable t = sdk.tables().create(PAM, NewTable.builder().app("crash").name("Orders")
                .connection(folder.id()).object("orders.csv").fields("id", "customer", "amount").refreshKey("id")
                .tableUpdates(TableUpdates.REMOVE).build());
        assertRefreshed(sdk, t.id(), "[1, Ann, 10]", "[2, Bob, 20]");
        return t.id();
    }

    private static void assertRefreshed(Connections sdk, TableId table, String... rows) {
        RefreshRun run = sdk.tables().refresh(PAM, table);

        assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        try (Stream<Object[]> stored = sdk.tables().rows(PAM, table)) {
            assertThat(stored.map(r -> Arrays.stream(r).map(v -> v instanceof BigDecimal d
                    ? d.stripTrailingZeros().toPlainString() : String.valueOf(v)).toList().toString()))
                    .containsExactlyInAnyOrder(rows);
        }
    }

    private Connections open(Storage storage) {
        Connections sdk = Connections.builder().storage(storage).connector(CsvConnector.allowingRoots(exports))
                .externalScheduler().build();
        sdk.start();
        return sdk;
    }

    /** The embedded storage, failing right after every {@code data().define} of a table that has rows. */
    private static final class FailingAfterDefine extends ForwardingStorage {

        FailingAfterDefine(Storage delegate) {
            super(delegate);
        }

        @Override
        public TableData data() {
            TableData data = delegate().data();
            return new ForwardingTableData(data) {
                @Override
                public void define(ConnectedTable table) {
                    data.define(table);
                    if (data.count(table.id()) > 0) {
                        throw new IllegalStateException("the process stopped after define");
                    }
                }
            };
        }
    }
}
