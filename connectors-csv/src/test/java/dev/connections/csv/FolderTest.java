package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.SourceObject;
import dev.connections.spi.Account;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ConnectorSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder is the root: test(), objects(), and names that try to leave it. */
class FolderTest {

    @TempDir
    Path dir;
    Path elsewhere;
    CsvFolderFixture folder;

    @BeforeEach
    void setUp() throws IOException {
        folder = new CsvFolderFixture(dir.resolve("exports"));
        folder.write("orders.csv", "id\n1\n");
        elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    }

    private ConnectorException describeFails(String object) {
        return catchThrowableOfType(ConnectorException.class, () -> {
            try (ConnectorSession session = folder.session()) {
                session.describe(object);
            }
        });
    }

    @Test
    void testReturnsTheFolderAsTheAccount() throws IOException {
        try (ConnectorSession session = folder.session()) {
            Account account = session.test();
            assertThat(account.id()).isEqualTo(folder.root.toRealPath().toString());
            assertThat(account.displayName()).isEqualTo("exports");
        }
    }

    @Test
    void testOfAMissingFolderIsAConfigurationProblemNamingTheFolder() {
        folder.set("folder", dir.resolve("nowhere").toString());
        try (ConnectorSession session = folder.session()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, session::test);
            assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains(dir.resolve("nowhere").toString()).contains("does not exist")
                    .contains("folder setting");
        }
    }

    @Test
    void testOfAFileInsteadOfAFolderIsAConfigurationProblem() {
        folder.set("folder", folder.root.resolve("orders.csv").toString());
        try (ConnectorSession session = folder.session()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, session::test);
            assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains("orders.csv").contains("not a folder");
        }
    }

    @Test
    void objectsAreEveryCsvFileInTheFolderAndItsSubfoldersSorted() {
        folder.write("b/2024/march.CSV", "x\n1\n");
        folder.write("a.csv", "x\n1\n");
        folder.write("notes.txt", "not csv");
        folder.write("b/readme.md", "not csv");
        try (ConnectorSession session = folder.session()) {
            assertThat(session.objects()).extracting(SourceObject::name)
                    .containsExactly("a.csv", "b/2024/march.CSV", "orders.csv");
        }
    }

    @Test
    void objectsOfAnEmptyFolderAreNone() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        folder.set("folder", dir.resolve("empty").toString());
        try (ConnectorSession session = folder.session()) {
            assertThat(session.objects()).isEmpty();
        }
    }

    @Test
    void linksThatLeadOutOfTheFolderAreNotListed() throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        Files.createSymbolicLink(folder.root.resolve("escape.csv"), outside);
        Files.createSymbolicLink(folder.root.resolve("outdir"), elsewhere);
        try (ConnectorSession session = folder.session()) {
            assertThat(session.objects()).extracting(SourceObject::name).containsExactly("orders.csv");
        }
    }

    @Test
    void linksToFilesInsideTheFolderAreListedAndRead() throws IOException {
        Files.createSymbolicLink(folder.root.resolve("latest.csv"), folder.root.resolve("orders.csv"));
        try (ConnectorSession session = folder.session()) {
            assertThat(session.objects()).extracting(SourceObject::name).containsExactly("latest.csv", "orders.csv");
        }
        assertThat(folder.texts("latest.csv")).containsExactly(List.of("1"));
    }

    @Test
    void filesInSubfoldersAreDescribedByTheirPath() {
        folder.write("sub/items.csv", "sku,qty\nA,1\n");
        try (ConnectorSession session = folder.session()) {
            assertThat(session.describe("sub/items.csv").fieldNames()).containsExactly("sku", "qty");
        }
    }

    @Test
    void unknownObjectIsNotFoundNamingItAndListingExistingFiles() {
        ConnectorException e = describeFails("ordres.csv");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("'ordres.csv'").contains("orders.csv");
    }

    @Test
    void unknownObjectListsOnlyAFewFiles() {
        for (int i = 0; i < 9; i++) {
            folder.write("f" + i + ".csv", "x\n");
        }
        ConnectorException e = describeFails("missing.csv");
        assertThat(e.getMessage()).contains("f0.csv, f1.csv, f2.csv, f3.csv, f4.csv, …").doesNotContain("f5.csv");
    }

    @Test
    void fileThatIsNotCsvIsNotFound() {
        folder.write("notes.txt", "a\n1\n");
        ConnectorException e = describeFails("notes.txt");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("not a .csv file");
    }

    @Test
    void folderIsNotAnObject() {
        folder.write("sub.csv/inner.csv", "a\n1\n");
        assertThat(describeFails("sub.csv").kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void dotDotIsRefused() throws IOException {
        Files.writeString(dir.resolve("outside.csv"), "a\n1\n");
        ConnectorException e = describeFails("../outside.csv");
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(e.getMessage()).contains("'..'").contains("out of the folder");
    }

    @Test
    void dotDotInsideTheNameIsRefusedToo() {
        folder.write("sub/x.csv", "a\n1\n");
        assertThat(describeFails("sub/../orders.csv").kind()).isEqualTo(Kind.PERMISSION);
    }

    @Test
    void absolutePathIsRefused() {
        ConnectorException e = describeFails(folder.root.resolve("orders.csv").toString());
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(e.getMessage()).contains("absolute path");
    }

    @Test
    void symlinkLeadingOutOfTheFolderIsRefused() throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        Files.createSymbolicLink(folder.root.resolve("escape.csv"), outside);
        ConnectorException e = describeFails("escape.csv");
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(e.getMessage()).contains("symbolic link").contains("links are followed only within the folder");
    }

    @Test
    void theRefusalOfALinkNeverNamesWhereItLeads() throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        Files.createSymbolicLink(folder.root.resolve("escape.csv"), outside);

        ConnectorException e = describeFails("escape.csv");

        assertThat(e.getMessage()).doesNotContain(elsewhere.toString()).doesNotContain("elsewhere")
                .doesNotContain("secret");
    }

    @Test
    void aLinkOutOfTheFolderAndALinkToNothingAreRefusedAlike() throws IOException {
        Files.createSymbolicLink(folder.root.resolve("a.csv"),
                Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n"));
        Files.createSymbolicLink(folder.root.resolve("b.csv"), elsewhere.resolve("missing.csv"));

        ConnectorException existing = describeFails("a.csv");
        ConnectorException missing = describeFails("b.csv");

        assertThat(missing.kind()).isEqualTo(existing.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(missing.getMessage().replace("'b.csv'", "'a.csv'")).isEqualTo(existing.getMessage());
    }

    @Test
    void linkedFolderLeadingOutOfTheFolderIsRefused() throws IOException {
        Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        Files.createSymbolicLink(folder.root.resolve("outdir"), elsewhere);
        assertThat(describeFails("outdir/secret.csv").kind()).isEqualTo(Kind.PERMISSION);
    }

    @Test
    void aLinkedFolderLeadingOutCannotBeProbedForFiles() throws IOException {
        Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        Files.createSymbolicLink(folder.root.resolve("outdir"), elsewhere);

        ConnectorException existing = describeFails("outdir/secret.csv");
        ConnectorException missing = describeFails("outdir/missing.csv");

        assertThat(missing.kind()).isEqualTo(existing.kind()).isEqualTo(Kind.PERMISSION);
        assertThat(missing.getMessage().replace("missing.csv", "secret.csv")).isEqualTo(existing.getMessage());
        assertThat(existing.getMessage()).doesNotContain(elsewhere.toString());
    }

    @Test
    void aNameThroughAFileIsNotFound() {
        assertThat(describeFails("orders.csv/inner.csv").kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void readRefusesASymlinkOutOfTheFolder() throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("secret.csv"), "s\n1\n");
        Files.createSymbolicLink(folder.root.resolve("escape.csv"), outside);
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("escape.csv", fields("s", FieldType.TEXT), Filter.all()));
        assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
    }

    @Test
    void readOfAFileThatIsGoneIsNotFound() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("gone.csv", fields("s", FieldType.TEXT), Filter.all()));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("'gone.csv'");
    }
}
