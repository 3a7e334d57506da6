package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialect: RFC 4180 and its real-world variants, anchored on the csv-spectrum and FastCSV cases. Values are read
 * as TEXT here; an empty cell is null.
 */
class CsvDialectTest {

    @TempDir
    Path dir;
    CsvFolderFixture folder;

    @BeforeEach
    void setUp() {
        folder = new CsvFolderFixture(dir);
    }

    private List<List<Object>> rows(String content) {
        folder.write("f.csv", content);
        return folder.texts("f.csv");
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void spectrumSimple() {
        assertThat(rows("a,b,c\n1,2,3\n")).containsExactly(row("1", "2", "3"));
    }

    @Test
    void spectrumSimpleCrlf() {
        assertThat(rows("a,b,c\r\n1,2,3\r\n")).containsExactly(row("1", "2", "3"));
    }

    @Test
    void spectrumCommaInQuotes() {
        assertThat(rows("first,last,address,city,zip\nJohn,Doe,120 any st.,\"Anytown, WW\",08123\n"))
                .containsExactly(row("John", "Doe", "120 any st.", "Anytown, WW", "08123"));
    }

    @Test
    void spectrumEscapedQuotes() {
        assertThat(rows("a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n"))
                .containsExactly(row("1", "ha \"ha\" ha"), row("3", "4"));
    }

    @Test
    void spectrumJson() {
        assertThat(rows("key,val\n1,\"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [102.0, 0.5]}\"\n"))
                .containsExactly(row("1", "{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}"));
    }

    @Test
    void spectrumNewlines() {
        assertThat(rows("a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n"))
                .containsExactly(row("1", "2", "3"), row("Once upon \na time", "5", "6"), row("7", "8", "9"));
    }

    @Test
    void spectrumNewlinesCrlf() {
        assertThat(rows("a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n"))
                .containsExactly(row("1", "2", "3"), row("Once upon \r\na time", "5", "6"), row("7", "8", "9"));
    }

    @Test
    void spectrumQuotesAndNewlines() {
        assertThat(rows("a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n"))
                .containsExactly(row("1", "ha \n\"ha\" \nha"), row("3", "4"));
    }

    @Test
    void spectrumUtf8() {
        assertThat(rows("a,b,c\n1,2,3\n4,5,ʤ\n")).containsExactly(row("1", "2", "3"), row("4", "5", "ʤ"));
    }

    @Test
    void spectrumEmptyFieldsAreNull() {
        assertThat(rows("a,b,c\n1,\"\",\"\"\n2,3,4\n")).containsExactly(row("1", null, null), row("2", "3", "4"));
    }

    @Test
    void spectrumEmptyFieldsCrlf() {
        assertThat(rows("a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n")).containsExactly(row("1", null, null), row("2", "3", "4"));
    }

    @Test
    void trailingSeparatorGivesTwoFields() {
        assertThat(rows("a,b\nD,\n")).containsExactly(row("D", null));
    }

    @Test
    void blankLinesAreSkipped() {
        assertThat(rows("a,b\n\n1,2\n\r\n\n3,4\n\n")).containsExactly(row("1", "2"), row("3", "4"));
    }

    @Test
    void spaceBeforeAQuoteMakesTheQuotesText() {
        assertThat(rows("a,b\n1, \"x\"\n")).containsExactly(row("1", " \"x\""));
    }

    @Test
    void spaceAfterAClosingQuoteIsIgnored() {
        assertThat(rows("a,b\n\"x\" ,\"y\"  \n")).containsExactly(row("x", "y"));
    }

    @Test
    void spacesInUnquotedFieldsAreKept() {
        assertThat(rows("a,b\n x , y\n")).containsExactly(row(" x ", " y"));
    }

    @Test
    void lastLineWithoutLineBreakIsRead() {
        assertThat(rows("a,b\n1,2")).containsExactly(row("1", "2"));
    }

    @Test
    void crOnlyLineEndsAreLineBreaks() {
        assertThat(rows("a,b\r1,2\r3,4\r")).containsExactly(row("1", "2"), row("3", "4"));
    }

    @Test
    void crOnlyLineEndsCountLines() {
        folder.write("f.csv", "a,b\r1,2\r\r3,4\r");
        assertThat(folder.read("f.csv", fields("a", FieldType.TEXT), Filter.all()).rows())
                .extracting(r -> r.line()).containsExactly(2L, 4L);
    }

    @Test
    void quoteInsideAnUnquotedValueIsText() {
        assertThat(rows("a,b\n5\" pipe,2\n")).containsExactly(row("5\" pipe", "2"));
    }

    @Test
    void headerNamesAreStrippedOfSurroundingSpaces() {
        folder.write("f.csv", "id, name ,\"amount\"\n1,x,2\n");
        try (var session = folder.session()) {
            assertThat(session.describe("f.csv").fieldNames()).containsExactly("id", "name", "amount");
        }
    }

    @Test
    void rowsTellTheLineTheyStartOn() {
        folder.write("f.csv", "a,b\n1,\"two\nlines\"\n\n3,4\n5,\"x\r\ny\"\r\n6,7\n");
        assertThat(folder.read("f.csv", fields("a", FieldType.TEXT), Filter.all()).rows())
                .extracting(r -> r.line()).containsExactly(2L, 5L, 6L, 8L);
    }

    @Test
    void semicolonDelimiterIsDetected() {
        assertThat(rows("a;b;c\n1;\"x;y\";2,5\n")).containsExactly(row("1", "x;y", "2,5"));
    }

    @Test
    void tabDelimiterIsDetected() {
        assertThat(rows("a\tb\n1,5\t2\n")).containsExactly(row("1,5", "2"));
    }

    @Test
    void pipeDelimiterIsDetected() {
        assertThat(rows("a|b|c\n1|2|3\n")).containsExactly(row("1", "2", "3"));
    }

    @Test
    void delimiterInsideQuotedHeaderNamesDoesNotCount() {
        assertThat(rows("\"a,1\";\"b,2\";\"c,3\";d\n1;2;3;4\n")).containsExactly(row("1", "2", "3", "4"));
    }

    @Test
    void singleColumnFileUsesComma() {
        assertThat(rows("name\nx\ny\n")).containsExactly(row("x"), row("y"));
    }

    @Test
    void delimiterSettingWinsOverDetection() {
        folder.set("delimiter", ";");
        assertThat(rows("a;b,c\n1;2,3\n")).containsExactly(row("1", "2,3"));
    }

    @Test
    void tabSettingIsAccepted() {
        folder.set("delimiter", "tab");
        assertThat(rows("a\tb,c,d\n1\t2,3,4\n")).containsExactly(row("1", "2,3,4"));
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstName() {
        folder.write("f.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "id,name\n1,é\n".getBytes(StandardCharsets.UTF_8)));
        try (var session = folder.session()) {
            assertThat(session.describe("f.csv").fieldNames()).containsExactly("id", "name");
        }
        assertThat(folder.texts("f.csv")).containsExactly(row("1", "é"));
    }

    @Test
    void utf16LittleEndianWithByteOrderMarkIsRead() {
        folder.write("f.csv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                "id;name\n1;ü\n".getBytes(StandardCharsets.UTF_16LE)));
        assertThat(folder.texts("f.csv")).containsExactly(row("1", "ü"));
    }

    @Test
    void utf16BigEndianWithByteOrderMarkIsRead() {
        folder.write("f.csv", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                "id,name\n1,ü\n".getBytes(StandardCharsets.UTF_16BE)));
        assertThat(folder.texts("f.csv")).containsExactly(row("1", "ü"));
    }

    @Test
    void byteOrderMarkDecidesOverTheEncodingSetting() {
        folder.set("encoding", "windows-1252");
        folder.write("f.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "id,name\n1,€\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(folder.texts("f.csv")).containsExactly(row("1", "€"));
    }

    @Test
    void encodingSettingReadsFilesWithoutByteOrderMark() {
        folder.set("encoding", "windows-1252");
        folder.write("f.csv", encode("id,name\n1,café €\n", Charset.forName("windows-1252")));
        assertThat(folder.texts("f.csv")).containsExactly(row("1", "café €"));
    }

    @Test
    void valuesLongerThanTheDecodingBufferAreRead() {
        String big = "x".repeat(200_000);
        assertThat(rows("a,b\n\"" + big + "\"," + big + "\n")).containsExactly(row(big, big));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] encode(String text, Charset charset) {
        ByteBuffer buffer = charset.encode(text);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
