package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's fingerprint is the cursor: an unchanged file costs one metadata look, a changed one a full read. */
class IncrementalReadTest {

    private static final String CONTENT = "id,name\n1,Ann\n2,Bob\n";
    private static final FileTime WRITTEN = FileTime.from(Instant.parse("2024-03-31T10:00:00Z"));
    private static final List<SourceField> FIELDS = fields("id", FieldType.INTEGER, "name", FieldType.TEXT);

    @TempDir
    Path dir;
    CsvFolderFixture folder;
    Path file;

    @BeforeEach
    void setUp() throws IOException {
        folder = new CsvFolderFixture(dir);
        file = folder.write("orders.csv", CONTENT);
        Files.setLastModifiedTime(file, WRITTEN);
    }

    private Cursor firstCursor() {
        return folder.read("orders.csv", FIELDS, Filter.all()).result().next();
    }

    private CsvFolderFixture.Read incremental(Cursor cursor) {
        return folder.readIncrementally("orders.csv", FIELDS, cursor);
    }

    @Test
    void fullReadAnswersFullWithTheFileFingerprintAsCursor() throws Exception {
        CsvFolderFixture.Read read = folder.read("orders.csv", FIELDS, Filter.all());
        assertThat(read.result().performed()).isEqualTo(ReadMode.FULL);
        assertThat(read.values()).containsExactly(List.of(1L, "Ann"), List.of(2L, "Bob"));
        assertThat(read.result().next().value()).contains("size=" + CONTENT.length())
                .contains("modified=2024-03-31T10:00:00Z").contains("sha256=" + sha256(CONTENT));
    }

    @Test
    void unchangedFileAnswersIncrementalWithTheSameCursorAndNoRecords() {
        Cursor cursor = firstCursor();
        CsvFolderFixture.Read read = incremental(cursor);
        assertThat(read.result().performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(read.result().next()).isEqualTo(cursor);
        assertThat(read.rows()).isEmpty();
    }

    @Test
    void unchangedFileIsNeitherParsedNorHashed() throws IOException {
        Cursor cursor = firstCursor();
        String garbage = "\"" + "x".repeat(CONTENT.length() - 1);
        Files.writeString(file, garbage);
        Files.setLastModifiedTime(file, WRITTEN);
        assertThat(catchThrowableOfType(ConnectorException.class,
                () -> folder.read("orders.csv", FIELDS, Filter.all()))).isNotNull();

        CsvFolderFixture.Read read = incremental(cursor);

        assertThat(read.result().performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(read.result().next()).isEqualTo(cursor);
        assertThat(read.rows()).isEmpty();
    }

    @Test
    void touchedFileAnswersIncrementalWithANewCursorAndNoRecords() throws IOException {
        Cursor cursor = firstCursor();
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-04-01T08:00:00Z")));
        CsvFolderFixture.Read read = incremental(cursor);
        assertThat(read.result().performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(read.rows()).isEmpty();
        assertThat(read.result().next()).isNotEqualTo(cursor);
        assertThat(read.result().next().value()).contains("modified=2024-04-01T08:00:00Z")
                .contains("sha256=" + sha256(CONTENT));
    }

    @Test
    void cursorOfATouchedFileMakesTheNextReadFree() throws IOException {
        Cursor first = firstCursor();
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-04-01T08:00:00Z")));
        Cursor touched = incremental(first).result().next();
        CsvFolderFixture.Read read = incremental(touched);
        assertThat(read.result().performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(read.result().next()).isEqualTo(touched);
    }

    @Test
    void grownFileIsReadInFull() throws IOException {
        Cursor cursor = firstCursor();
        Files.writeString(file, "3,Cy\n", StandardOpenOption.APPEND);
        CsvFolderFixture.Read read = incremental(cursor);
        assertThat(read.result().performed()).isEqualTo(ReadMode.FULL);
        assertThat(read.values()).containsExactly(List.of(1L, "Ann"), List.of(2L, "Bob"), List.of(3L, "Cy"));
        assertThat(read.result().next().value()).contains("sha256=" + sha256(CONTENT + "3,Cy\n"));
    }

    @Test
    void changedContentOfTheSameSizeIsReadInFull() throws IOException {
        Cursor cursor = firstCursor();
        Files.writeString(file, CONTENT.replace("Bob", "Rob"));
        CsvFolderFixture.Read read = incremental(cursor);
        assertThat(read.result().performed()).isEqualTo(ReadMode.FULL);
        assertThat(read.values()).containsExactly(List.of(1L, "Ann"), List.of(2L, "Rob"));
    }

    @Test
    void cursorThatIsNoFingerprintLeadsToAFullRead() {
        CsvFolderFixture.Read read = incremental(Cursor.of("2024-03-31T10:00:00Z"));
        assertThat(read.result().performed()).isEqualTo(ReadMode.FULL);
        assertThat(read.rows()).hasSize(2);
    }

    @Test
    void fullRequestOfAnUnchangedFileReadsEverything() {
        firstCursor();
        CsvFolderFixture.Read read = folder.read("orders.csv", FIELDS, Filter.all());
        assertThat(read.result().performed()).isEqualTo(ReadMode.FULL);
        assertThat(read.rows()).hasSize(2);
    }

    @Test
    void fileThatChangesWhileBeingReadFailsUnavailable() {
        ConnectorException e = readWhileAppending("9,Zed\n");
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("orders.csv").contains("changed while it was being read")
                .contains("refresh again");
    }

    /** Reads the file in full, appending to it when the first record arrives. */
    private ConnectorException readWhileAppending(String more) {
        CsvFolderFixture.Sink appending = new CsvFolderFixture.Sink() {
            @Override
            public void accept(Row row) {
                super.accept(row);
                if (rows.size() == 1) {
                    try {
                        Files.writeString(file, more, StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        try (ConnectorSession session = folder.session()) {
            return catchThrowableOfType(ConnectorException.class, () -> session.read(
                    new ReadRequest("orders.csv", FIELDS, List.of("id"), Filter.all(), ReadMode.FULL, null), appending));
        }
    }

    @Test
    void brokenFileThatChangesWhileBeingReadFailsUnavailableRatherThanInvalid() throws IOException {
        Files.writeString(file, "id,name\n1,Ann\n2,\"Bob");
        ConnectorException e = readWhileAppending(" is still being written");
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
