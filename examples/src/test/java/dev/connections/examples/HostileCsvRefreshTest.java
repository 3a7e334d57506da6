package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A file that was good and turns bad: the refresh fails with one error naming the file and line, and the table
 * keeps the data of its last good refresh. Runs through the whole SDK, as a host would.
 */
class HostileCsvRefreshTest {

    private static final Principal PAM = Principal.of("pam");
    private static final String GOOD = "id,name,amount\n1,Ann,10\n2,Bob,20\n3,Cy,30\n";

    @TempDir
    Path folder;
    private Connections sdk;
    private ConnectedTable table;
    private List<String> before;

    @BeforeEach
    void aTableWithOneGoodRefresh() throws IOException {
        write(GOOD);
        sdk = Connections.builder().connector(CsvConnector.allowingRoots(folder)).build();
        Connection c = sdk.connections().create(PAM, NewConnection.of("csv", "exports").set("folder", folder.toString()));
        table = sdk.tables().create(PAM, NewTable.builder().app("a").name("Orders").connection(c.id())
                .object("orders.csv").fields("id", "name", "amount").refreshKey("id")
                .tableUpdates(TableUpdates.REMOVE).build());
        assertThat(sdk.tables().refresh(PAM, table.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        before = rows();
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private void write(String content) throws IOException {
        Path file = folder.resolve("orders.csv");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(content.length())));
    }

    private List<String> rows() {
        try (Stream<Object[]> rows = sdk.tables().rows(PAM, table.id())) {
            return rows.map(Arrays::toString).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unclosed quote         | id,name,amount\\n1,Ann,10\\n2,"Bob,20\\n3,Cy,30\\n         | line 3
        ragged row             | id,name,amount\\n1,Ann,10\\n2,Bob\\n3,Cy,30\\n             | line 3
        duplicate header       | id,name,name\\n1,Ann,10\\n                                 | line 1
        blank header           | id,,amount\\n1,Ann,10\\n                                   | line 1
        value of the wrong type| id,name,amount\\n1,Ann,10\\n2,Bob,lots\\n                  | line 3
        duplicate refresh key  | id,name,amount\\n1,Ann,10\\n1,Bob,20\\n                    | lines 2 and 3
        blank refresh key      | id,name,amount\\n1,Ann,10\\n,Bob,20\\n                     | line 3
        missing column         | id,name\\n1,Ann\\n                                         | amount
        empty file             | ''                                                          | line 1
        """)
    void badFileFailsTheRefreshNamingFileAndLineAndKeepsTheTable(String what, String content, String where)
            throws IOException {
        write(content.replace("\\n", "\n"));

        RefreshRun run = sdk.tables().refresh(PAM, table.id());

        assertThat(run.status()).as(what).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.message()).as(what).contains("orders.csv").contains(where);
        assertThat(rows()).as(what).isEqualTo(before);
        assertThat(sdk.tables().history(PAM, table.id(), 1).get(0).status()).isEqualTo(RefreshStatus.FAILED);
    }
}
