package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Principal;
import dev.connections.core.Connections;
import dev.connections.jdbc.JdbcStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    private static final Pattern SECOND = Pattern.compile(
            "Second refresh: SUCCEEDED \\w+ - added (\\d+), updated (\\d+), removed (\\d+)");

    @Test
    void aSecondRunContinuesFromTheDataOfTheFirstAndBothReportAddedUpdatedAndRemovedRecords(@TempDir Path dir)
            throws Exception {
        String first = run(dir);

        assertThat(first).contains("no table from an earlier run: creating it")
                .doesNotContain("Continuing from the previous run's data");
        assertThat(first).contains("First refresh:  SUCCEEDED FULL - added 4, updated 0, unchanged 0, removed 0");
        assertSecondRefresh(first);
        assertThat(first).contains("[EU, 1001, Dunder Mifflin, Scranton, 275, 2026-11-02, won]");

        String second = run(dir);

        // the table kept the rows of the first run's last refresh: 4 orders over 100, then +2 -1
        assertThat(second).contains("Continuing from the previous run's data in " + dir.resolve("data")
                + ": table 'Large orders' has 5 rows from its last refresh");
        assertThat(second).doesNotContain("no table from an earlier run");
        // the folder was reset to the samples: the first refresh undoes the first run's changes, in place
        assertThat(second).contains("First refresh:  SUCCEEDED FULL - added 1, updated 1, unchanged 2, removed 2");
        assertSecondRefresh(second);
        assertThat(second.lines().filter(l -> l.matches("  \\S+  SUCCEEDED  .*"))).as(second).hasSize(4);

        try (Connections sdk = Connections.builder().storage(JdbcStorage.embedded(dir.resolve("data"))).build()) {
            Principal pam = Principal.of("pam");
            assertThat(sdk.connections().list(pam)).hasSize(1);
            assertThat(sdk.tables().list(pam)).hasSize(1);
        }
    }

    @Test
    void aDataFolderMadeByAQuickstartElsewhereKeepsItsTableAndMovesItToThisFolder(@TempDir Path dir)
            throws Exception {
        Path before = Files.createDirectories(dir.resolve("before"));
        run(before);
        Path after = Files.createDirectories(dir.resolve("after"));
        copyTree(before.resolve("data"), after.resolve("data"));

        String moved = run(after);

        assertThat(moved).contains("was made for the exports folder " + before.resolve("exports"))
                .contains("Continuing from the previous run's data in " + after.resolve("data")
                        + ": table 'Large orders' has 5 rows from its last refresh")
                .contains("First refresh:  SUCCEEDED FULL - added 1, updated 1, unchanged 2, removed 2");
        assertSecondRefresh(moved);
        try (Connections sdk = Connections.builder().storage(JdbcStorage.embedded(after.resolve("data"))).build()) {
            Principal pam = Principal.of("pam");
            assertThat(sdk.connections().list(pam)).singleElement()
                    .satisfies(c -> assertThat(c.settings()).containsEntry("folder",
                            after.resolve("exports").toString()));
            assertThat(sdk.tables().list(pam)).singleElement().satisfies(t -> assertThat(
                    sdk.tables().history(pam, t.id(), 10)).hasSize(4));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void assertSecondRefresh(String printed) {
        Matcher second = SECOND.matcher(printed);
        assertThat(second.find()).as(printed).isTrue();
        assertThat(second.group(1)).isEqualTo("2");
        assertThat(second.group(2)).isEqualTo("1");
        assertThat(second.group(3)).isEqualTo("1");
    }

    private static String run(Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[] {dir.resolve("exports").toString()});
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
