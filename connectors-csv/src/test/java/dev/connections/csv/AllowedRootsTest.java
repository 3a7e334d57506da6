package dev.connections.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.TestConnectorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host, not a principal's folder setting, decides which host paths CSV connections read. */
class AllowedRootsTest {

    @TempDir
    Path tmp;

    private static ConnectorException refused(CsvConnector connector, String folder) {
        return catchThrowableOfType(ConnectorException.class, () -> {
            try (ConnectorSession session = connector.open(TestConnectorContext.of(Map.of("folder", folder)))) {
                session.test();
            }
        });
    }

    @Test
    void theDiscoveredConnectorAllowsNoFolderAndTellsTheHostHowToAllowOne() throws IOException {
        Path exports = Files.createDirectories(tmp.resolve("exports"));

        ConnectorException e = refused(new CsvConnector(), exports.toString());

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("allows no local folders").contains("CsvConnector.allowingRoots(");
    }

    @Test
    void aFolderInsideARootIsUsed() throws IOException {
        Path exports = Files.createDirectories(tmp.resolve("tenants/acme/exports"));
        Files.writeString(exports.resolve("orders.csv"), "id\n1\n");

        try (ConnectorSession session = CsvConnector.allowingRoots(tmp.resolve("tenants"))
                .open(TestConnectorContext.of(Map.of("folder", exports.toString())))) {
            assertThat(session.objects()).extracting(o -> o.name()).containsExactly("orders.csv");
        }
    }

    @Test
    void aFolderOutsideTheRootsIsRefusedTheSameWhetherItExistsOrNot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("allowed"));
        Path existing = Files.createDirectories(tmp.resolve("other-tenant"));
        CsvConnector connector = CsvConnector.allowingRoots(root);

        ConnectorException onExisting = refused(connector, existing.toString());
        ConnectorException onMissing = refused(connector, tmp.resolve("no-such-folder").toString());
        ConnectorException onSystem = refused(connector, "/etc");

        assertThat(onExisting.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(onExisting.getMessage()).contains("is not inside a folder this host allows").contains(root.toString());
        assertThat(onExisting.getMessage().replace(existing.toString(), "F"))
                .isEqualTo(onMissing.getMessage().replace(tmp.resolve("no-such-folder").toString(), "F"))
                .isEqualTo(onSystem.getMessage().replace("/etc", "F"));
    }

    @Test
    void dotDotCannotLeaveARoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("allowed"));

        ConnectorException e = refused(CsvConnector.allowingRoots(root), root + "/../..");

        assertThat(e.getMessage()).contains("is not inside a folder this host allows");
    }

    @Test
    void aLinkInsideARootThatLeadsOutIsRefusedLikeAFolderOutside() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("allowed"));
        Path outside = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(outside.resolve("salaries.csv"), "name,salary\nAnn,1\n");
        Path link = Files.createSymbolicLink(root.resolve("shortcut"), outside);

        ConnectorException e = refused(CsvConnector.allowingRoots(root), link.toString());

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("is not inside a folder this host allows")
                .doesNotContain(outside.toString()).doesNotContain("salaries");
    }

    @Test
    void aLinkInsideARootAnswersTheSameWhateverItsTargetOutsideIs() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("allowed"));
        Path file = Files.writeString(tmp.resolve("a-file.txt"), "x");
        Path toDir = Files.createSymbolicLink(root.resolve("to-dir"), Files.createDirectories(tmp.resolve("dir")));
        Path toFile = Files.createSymbolicLink(root.resolve("to-file"), file);
        Path toNothing = Files.createSymbolicLink(root.resolve("to-nothing"), tmp.resolve("nothing"));
        Path below = root.resolve("to-dir").resolve("missing");
        CsvConnector connector = CsvConnector.allowingRoots(root);

        for (Path link : List.of(toDir, toFile, toNothing, below)) {
            ConnectorException e = refused(connector, link.toString());
            assertThat(e.getMessage().replace(link.toString(), "F")).as(link.toString())
                    .isEqualTo(refused(connector, toDir.toString()).getMessage().replace(toDir.toString(), "F"));
        }
    }
}
