package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ReadRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and hostile files fail with INVALID_DATA naming the file, the line and, where there is one, the column. */
class HostileFilesTest {

    @TempDir
    Path dir;
    CsvFolderFixture folder;

    @BeforeEach
    void setUp() {
        folder = new CsvFolderFixture(dir);
    }

    private ConnectorException readFails(String content) {
        folder.write("f.csv", content);
        return catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("a", FieldType.TEXT), Filter.all()));
    }

    private ConnectorException describeFails(String content) {
        folder.write("f.csv", content);
        return catchThrowableOfType(ConnectorException.class, () -> {
            try (var session = folder.session()) {
                session.describe("f.csv");
            }
        });
    }

    @Test
    void unclosedQuoteNamesTheLineWhereTheValueStarts() {
        ConnectorException e = readFails("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 3");
        assertThat(e.getMessage()).startsWith("f.csv line 3: ").contains("unclosed quote");
    }

    @Test
    void aNulCharacterInTextFailsNamingLineAndColumn() {
        ConnectorException e = readFails("a,b\nok,1\nbad\0value,2\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).startsWith("f.csv line 3");
        assertThat(e.getMessage()).contains("NUL character").contains("'bad\\0value'").doesNotContain("\0")
                .doesNotContain("make the column TEXT");
    }

    @Test
    void aNulCharacterInAQuotedValueFarIntoTheFileFailsNamingLineAndColumn() {
        // text values are searched for NUL only once the text read so far holds one: here, after 200,000 rows
        StringBuilder content = new StringBuilder("a,b\n");
        for (int i = 0; i < 200_000; i++) {
            content.append("row").append(i).append(",x\n");
        }
        ConnectorException e = readFails(content.append("\"x\0\",y\n").toString());
        assertThat(e.location()).isEqualTo("f.csv line 200002, column 'a'");
        assertThat(e.getMessage()).contains("NUL character");
    }

    @Test
    void truncatedFileEndingInsideAQuoteFails() {
        ConnectorException e = readFails("a,b\n1,\"cut off");
        assertThat(e.location()).isEqualTo("f.csv line 2");
        assertThat(e.getMessage()).contains("never closed");
    }

    @Test
    void rowsBeforeAnUnclosedQuoteAreDeliveredFirst() {
        folder.write("f.csv", "a\n1\n2\n\"3\n");
        CsvFolderFixture.Sink sink = new CsvFolderFixture.Sink();
        try (var session = folder.session()) {
            catchThrowableOfType(ConnectorException.class, () -> session.read(new ReadRequest("f.csv",
                    fields("a", FieldType.TEXT), List.of("a"), Filter.all(), ReadMode.FULL, null), sink));
        }
        assertThat(CsvFolderFixture.values(sink.rows)).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void rowWithMoreFieldsThanTheHeaderFails() {
        ConnectorException e = readFails("a,b\n1,2\n1,2,3\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 3");
        assertThat(e.getMessage()).contains("3 value(s)").contains("2 column(s)");
    }

    @Test
    void rowWithFewerFieldsThanTheHeaderFails() {
        ConnectorException e = readFails("a,b,c\n1,2,3\n\n1,2\n");
        assertThat(e.location()).isEqualTo("f.csv line 4");
        assertThat(e.getMessage()).contains("2 value(s)").contains("3 column(s)");
    }

    @Test
    void raggedRowAfterQuotedLineBreaksNamesItsOwnLine() {
        ConnectorException e = readFails("a,b\n1,\"x\ny\nz\"\n2,3\n4\n");
        assertThat(e.location()).isEqualTo("f.csv line 6");
    }

    @Test
    void duplicateHeaderNamesFail() {
        ConnectorException e = describeFails("id,name,id\n1,2,3\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 1");
        assertThat(e.getMessage()).contains("'id'").contains("columns 1 and 3").contains("unique");
    }

    @Test
    void duplicateHeaderNamesFailTheReadToo() {
        ConnectorException e = readFails("a,b,b\n1,2,3\n");
        assertThat(e.getMessage()).contains("two columns 'b'");
    }

    @Test
    void blankHeaderNameFails() {
        ConnectorException e = describeFails("id,,name\n1,2,3\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 1, column 2");
        assertThat(e.getMessage()).contains("no name");
    }

    @Test
    void headerNameOfOnlySpacesIsBlank() {
        ConnectorException e = describeFails("id,  \n1,2\n");
        assertThat(e.location()).isEqualTo("f.csv line 1, column 2");
    }

    @Test
    void emptyFileFails() {
        ConnectorException e = describeFails("");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.getMessage()).contains("empty").contains("first line must name the columns");
    }

    @Test
    void fileOfBlankLinesIsEmpty() {
        assertThat(describeFails("\n\r\n\n").getMessage()).contains("empty");
    }

    @Test
    void fileOfOnlyAByteOrderMarkIsEmpty() {
        folder.write("f.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> {
            try (var session = folder.session()) {
                session.describe("f.csv");
            }
        });
        assertThat(e.getMessage()).contains("empty");
    }

    @Test
    void fieldOverMaxFieldSizeFails() {
        folder.set("maxFieldSize", "10");
        ConnectorException e = readFails("a,b\n1,2\n3,12345678901\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 3, column 'b'");
        assertThat(e.getMessage()).contains("longer than 10 characters").contains("maxFieldSize");
    }

    @Test
    void fieldOfExactlyMaxFieldSizeIsRead() {
        folder.set("maxFieldSize", "10");
        folder.write("f.csv", "a\n1234567890\n\"abcdefghij\"\n");
        assertThat(folder.texts("f.csv")).containsExactly(List.of("1234567890"), List.of("abcdefghij"));
    }

    @Test
    void limitHoldsExactlyForValuesLongerThanTheReadBuffers() {
        folder.set("maxFieldSize", "100000");
        String fits = "y".repeat(100_000);
        folder.write("f.csv", "a,b\n1," + fits + "\n2,\"" + fits + "\"\n");
        assertThat(folder.texts("f.csv")).containsExactly(List.of("1", fits), List.of("2", fits));
        ConnectorException e = readFails("a,b\n1," + fits + "\n2," + fits + "y\n");
        assertThat(e.location()).isEqualTo("f.csv line 3, column 'b'");
    }

    @Test
    void hugeQuotedFieldStopsAtTheLimitInsteadOfFillingMemory() {
        folder.set("maxFieldSize", "1000");
        ConnectorException e = readFails("a,b\n1,\"" + "x\n".repeat(300_000));
        assertThat(e.location()).isEqualTo("f.csv line 2, column 'b'");
        assertThat(e.getMessage()).contains("longer than 1,000 characters").contains("quote that is never closed");
    }

    @Test
    void tooManyColumnsFails() {
        folder.set("maxColumns", "3");
        ConnectorException e = describeFails("a,b,c,d\n1,2,3,4\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 1");
        assertThat(e.getMessage()).contains("more than 3 columns").contains("maxColumns");
    }

    @Test
    void aRowOfEndlessDelimitersStopsAtMaxColumns() {
        ConnectorException e = readFails("a\n" + ",".repeat(1_000_000));
        assertThat(e.location()).isEqualTo("f.csv line 2");
        assertThat(e.getMessage()).contains("more than 2,000 columns");
    }

    @Test
    void rowWhoseValuesTogetherExceedMaxRecordSizeFailsNamingLineAndSetting() {
        folder.set("maxFieldSize", "10").set("maxRecordSize", "20");
        ConnectorException e = readFails("a,b,c\n1,2,3\n1234567890,1234567890,1\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 3");
        assertThat(e.getMessage()).startsWith("f.csv line 3: ").contains("more than 20 characters")
                .contains("maxRecordSize");
    }

    @Test
    void rowOfExactlyMaxRecordSizeIsRead() {
        folder.set("maxFieldSize", "10").set("maxRecordSize", "20");
        folder.write("f.csv", "a,b\n1234567890,\"abcdef\nhij\"\n");
        assertThat(folder.texts("f.csv")).containsExactly(List.of("1234567890", "abcdef\nhij"));
    }

    @Test
    void rowOfManyLargestValuesStopsAtTheDefaultRecordLimit() {
        String largest = "v".repeat(1_048_576);
        String row = String.join(",", Collections.nCopies(9, largest));
        ConnectorException e = readFails("a,b,c,d,e,f,g,h,i\n" + row + "\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 2");
        assertThat(e.getMessage()).contains("more than 8,388,608 characters").contains("maxRecordSize");
    }

    @Test
    void malformedUtf8FailsNamingTheLine() {
        byte[] start = "a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(start, start.length + 3);
        content[start.length] = (byte) 0xC3;
        content[start.length + 1] = (byte) 0x28;
        content[start.length + 2] = '\n';
        folder.write("f.csv", content);
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("a", FieldType.TEXT), Filter.all()));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 3");
        assertThat(e.getMessage()).contains("not valid UTF-8").contains("encoding setting");
    }

    @Test
    void latin1FileReadAsUtf8Fails() {
        folder.write("f.csv", "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> folder.texts("f.csv"));
        assertThat(e.location()).isEqualTo("f.csv line 2");
    }

    @Test
    void textAfterAClosingQuoteFails() {
        ConnectorException e = readFails("a,b\n1,\"x\"y\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 2, column 'b'");
        assertThat(e.getMessage()).contains("after the closing quote");
    }

    @Test
    void requestedFieldMissingFromTheHeaderIsNotFound() {
        folder.write("f.csv", "id,name\n1,x\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("id", FieldType.TEXT, "amount", FieldType.TEXT), Filter.all()));
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("no column 'amount'").contains("id, name");
    }

    @Test
    void valueOfTheWrongTypeInALaterRowNamesLineColumnAndValue() {
        folder.write("f.csv", "id,note,amount\n1,\"two\nlines\",10\n2,x,12.5\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> folder.read("f.csv",
                fields("id", FieldType.INTEGER, "note", FieldType.TEXT, "amount", FieldType.INTEGER), Filter.all()));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 4, column 'amount'");
        assertThat(e.getMessage()).contains("'12.5' is not an INTEGER").contains("TEXT");
    }

    @Test
    void malformedFileInsideTheSampleFailsDescribe() {
        ConnectorException e = describeFails("a,b\n1,2\n3\n");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("f.csv line 3");
    }
}
