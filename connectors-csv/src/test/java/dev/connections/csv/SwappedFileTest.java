package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceObject;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file is found in the folder, then read: whatever the path has become in between (a link, a named pipe, a folder)
 * is refused, never followed and never waited on. The swap is made between {@link CsvFolder#resolve} and the
 * {@link CsvRead} that the session runs right after it.
 */
class SwappedFileTest {

    @TempDir
    Path dir;
    Path elsewhere;
    CsvFolderFixture folder;
    CsvSettings settings;

    @BeforeEach
    void setUp() throws IOException {
        folder = new CsvFolderFixture(dir.resolve("exports"));
        folder.write("orders.csv", "id\n1\n");
        elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        settings = CsvSettings.from(Map.of("folder", folder.root.toString()));
    }

    private Path resolved(String object) {
        return new CsvFolder(settings.folder(), AllowedRoots.of(folder.root)).resolve(object);
    }

    private ConnectorException readFails(Path path, ReadMode mode) {
        ReadRequest request = new ReadRequest("orders.csv", fields("id", FieldType.TEXT), List.of("id"), Filter.all(),
                mode, null);
        return catchThrowableOfType(ConnectorException.class,
                () -> new CsvRead(settings, path, "orders.csv").read(request, new CsvFolderFixture.Sink()));
    }

    /** Makes a named pipe; the test that needs one is skipped only where there is no mkfifo. */
    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException noMkfifo) {
            assumeTrue(false, "mkfifo is not available: " + noMkfifo.getMessage());
            return;
        }
        assertThat(process.waitFor()).as("mkfifo exit code").isZero();
    }

    @Test
    void aFileSwappedForALinkOutOfTheFolderIsRefusedWithoutNamingTheTarget() throws IOException {
        Path path = resolved("orders.csv");
        Path secret = Files.writeString(elsewhere.resolve("secret.csv"), "id\nsecret-row\n");
        Files.delete(path);
        Files.createSymbolicLink(path, secret);

        ConnectorException e = readFails(path, ReadMode.FULL);

        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(e.getMessage()).contains("'orders.csv'").contains("symbolic link")
                .doesNotContain(elsewhere.toString()).doesNotContain("secret");
    }

    @Test
    void aFileSwappedForALinkIsNotHashedEither() throws IOException {
        Path path = resolved("orders.csv");
        Path secret = Files.writeString(elsewhere.resolve("secret.csv"), "id\nsecret-row\n");
        Files.delete(path);
        Files.createSymbolicLink(path, secret);

        assertThat(catchThrowableOfType(ConnectorException.class, () -> Fingerprint.of(path, "orders.csv",
                new Fingerprint.Stamp(0, Instant.EPOCH))).kind()).isEqualTo(Kind.PERMISSION);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFileSwappedForANamedPipeIsRefusedWithoutWaitingOnIt() throws Exception {
        Path path = resolved("orders.csv");
        Files.delete(path);
        mkfifo(path);

        ConnectorException e = readFails(path, ReadMode.FULL);

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("'orders.csv' is no longer a regular file").contains("named pipe");
    }

    @Test
    void aFileSwappedForAFolderIsRefused() throws IOException {
        Path path = resolved("orders.csv");
        Files.delete(path);
        Files.createDirectory(path);

        ConnectorException e = readFails(path, ReadMode.FULL);

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("is no longer a regular file (it is now a folder)");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeInTheFolderIsNeitherListedNorOpened() throws Exception {
        mkfifo(folder.root.resolve("pipe.csv"));

        try (ConnectorSession session = folder.session()) {
            assertThat(session.objects()).extracting(SourceObject::name).containsExactly("orders.csv");
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.describe("pipe.csv"));
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("not a regular file");
        }
    }
}
