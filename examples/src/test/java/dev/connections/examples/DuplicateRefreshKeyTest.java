package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.FailureKind;
import dev.connections.api.Filter;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A refresh key value that occurs twice in a CSV file fails the refresh naming both lines, whichever storage finds
 * the duplicate: the in-memory one as the second record arrives, JDBC when it indexes the staged records.
 */
class DuplicateRefreshKeyTest {

    private static final Principal PAM = Principal.of("pam");

    @TempDir
    Path dir;

    private Connections sdk(String storage) {
        Connections.Builder builder = Connections.builder().connector(CsvConnector.allowingRoots(dir));
        return storage.equals("jdbc") ? builder.storage(JdbcStorage.embedded(dir.resolve("data"))).build()
                : builder.build();
    }

    private RefreshRun refreshOf(String storage, String content, Filter filter) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("exports"));
        Files.writeString(folder.resolve("orders.csv"), content);
        try (Connections sdk = sdk(storage)) {
            Connection c = sdk.connections().create(PAM, NewConnection.of("csv", "exports")
                    .set("folder", folder.toString()));
            ConnectedTable table = sdk.tables().create(PAM, NewTable.builder().app("a").name("Orders")
                    .connection(c.id()).object("orders.csv").fields("id", "name", "amount").refreshKey("id")
                    .filter(filter).build());
            return sdk.tables().refresh(PAM, table.id());
        }
    }

    @ParameterizedTest(name = "{0} storage")
    @ValueSource(strings = {"memory", "jdbc"})
    void aDuplicateRefreshKeyNamesTheLinesOfBothRecords(String storage) throws IOException {
        RefreshRun run = refreshOf(storage, "id,name,amount\n1,Ann,10\n2,Bob,20\n3,Cy,30\n2,Dee,40\n",
                Filter.all());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.INVALID_DATA);
        assertThat(run.message()).startsWith("orders.csv lines 3 and 5: the refresh key value [2]")
                .contains("must be unique");
    }

    @ParameterizedTest(name = "{0} storage")
    @ValueSource(strings = {"memory", "jdbc"})
    void aRecordTheFilterLeftOutIsNotTheFirstOfTheDuplicate(String storage) throws IOException {
        RefreshRun run = refreshOf(storage, "id,name,amount\n1,Ann,10\n2,Bob,5\n2,Cy,50\n3,Dee,30\n2,Eve,70\n",
                Filter.field("amount").greaterThan(8));

        assertThat(run.message()).startsWith("orders.csv lines 4 and 6: the refresh key value [2]");
    }
}
