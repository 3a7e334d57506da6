package dev.connections.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.spi.ConnectorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvText} reads bytes and decodes characters in buffers, and hands them on either through its own buffer or
 * straight into the parser's array: whatever the buffers' size, and so wherever their boundaries fall in a file,
 * commons-csv gets the same records, each with the same line, and a failure names the same place.
 */
class CsvTextTest {

    /** Buffer sizes that put a boundary at every offset of the short files below. */
    private static final int[] BUFFERS = {8, 9, 10, 11, 12, 13, 16, 17, 31, 64, 65_536};
    private static final int MAX_FIELD = 16;
    private static final int MAX_COLUMNS = 4;
    private static final int MAX_RECORD = 24;

    @Test
    void multiByteCharactersSplitAcrossBuffersDecodeWhole() {
        String text = "a,b\né,ü€\n\"😀x\",y😀\n€€€€,😀😀\n";
        for (int buffer : BUFFERS) {
            assertThat(parse(text.getBytes(StandardCharsets.UTF_8), buffer)).as("buffer %d", buffer)
                    .containsExactly("1:[a, b]", "2:[é, ü€]", "3:[😀x, y😀]", "4:[€€€€, 😀😀]");
        }
    }

    @Test
    void quotedLineBreaksAcrossBuffersKeepEveryRecordsLine() {
        String text = "a,b\r\n\"one\r\ntwo\nthree\",x\r\n\r\n4,\"\"\"q\"\"\r\n\"\n5,6\n";
        for (int buffer : BUFFERS) {
            assertThat(parse(text.getBytes(StandardCharsets.UTF_8), buffer)).as("buffer %d", buffer)
                    .containsExactly("1:[a, b]", "2:[one\r\ntwo\nthree, x]", "6:[4, \"q\"\r\n]", "8:[5, 6]");
        }
    }

    @Test
    void anInvalidByteAtAnyBoundaryFailsNamingItsLineAfterTheRecordsBeforeIt() {
        for (int at = 8; at < 20; at++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes("a,b\n1,2\n3,4\n5,67890\n".getBytes(StandardCharsets.UTF_8));
            byte[] content = bytes.toByteArray();
            content[at] = (byte) 0xFF;
            long line = 1 + new String(content, 0, at, StandardCharsets.ISO_8859_1).chars().filter(c -> c == '\n')
                    .count();
            for (int buffer : BUFFERS) {
                List<String> records = parse(content, buffer);
                assertThat(records.get(records.size() - 1)).as("byte %d, buffer %d", at, buffer)
                        .startsWith("f.csv line " + line + ": the file is not valid UTF-8 text here (malformed");
                assertThat(records).as("byte %d, buffer %d", at, buffer).hasSize((int) line);
            }
        }
    }

    @Test
    void aSequenceCutOffByTheEndOfTheFileFails() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] content = ("a\n1\n" + "x").getBytes(StandardCharsets.UTF_8);
        content[content.length - 1] = euro[0];
        for (int buffer : BUFFERS) {
            assertThat(parse(content, buffer)).as("buffer %d", buffer)
                    .containsExactly("1:[a]", "2:[1]", "f.csv line 3: the file is not valid UTF-8 text here "
                            + "(malformed input of 1 byte(s))");
        }
    }

    @Test
    void valuesOfExactlyTheLimitsPassAtEveryBoundary() {
        String text = "a,b\n0123456789abcdef,\"0123456\"\"\"\n\"0123456789\nbcdef\",01234567\n1,2,3,4\n";
        for (int buffer : BUFFERS) {
            assertThat(parse(text.getBytes(StandardCharsets.UTF_8), buffer)).as("buffer %d", buffer)
                    .containsExactly("1:[a, b]", "2:[0123456789abcdef, 0123456\"]",
                            "3:[0123456789\nbcdef, 01234567]", "5:[1, 2, 3, 4]");
        }
    }

    @Test
    void aValueOneOverTheFieldLimitFailsAtEveryBoundary() {
        for (String value : List.of("0123456789abcdefg", "\"0123456789abcdef\"\"\"", "\"0123456789abcdef\n\"",
                "\"0123456789abcde\r\n1\"")) {
            String text = "a,b\n1,2\nx," + value + "\n";
            for (int buffer : BUFFERS) {
                assertThat(parse(text.getBytes(StandardCharsets.UTF_8), buffer)).as("%s, buffer %d", value, buffer)
                        .containsExactly("1:[a, b]", "2:[1, 2]", "f.csv line 3, column 'b': a value is longer than "
                                + "16 characters, the connection's maxFieldSize");
            }
        }
    }

    @Test
    void aRecordOneOverTheRecordLimitOrTheColumnsFailsAtEveryBoundary() {
        for (int buffer : BUFFERS) {
            assertThat(parse("a,b\n\"0123456789\",0123456789abcd\n1,2\n".getBytes(StandardCharsets.UTF_8), buffer))
                    .as("buffer %d", buffer).containsExactly("1:[a, b]", "2:[0123456789, 0123456789abcd]", "3:[1, 2]");
            assertThat(parse("a,b\n1,2\n\"0123456789\",0123456789abcde\n".getBytes(StandardCharsets.UTF_8), buffer))
                    .as("buffer %d", buffer).containsExactly("1:[a, b]", "2:[1, 2]", "f.csv line 3: the values of "
                            + "the row have more than 24 characters together, the connection's maxRecordSize");
            assertThat(parse("a,b\n1,2\n\n1,2,3,4,\n".getBytes(StandardCharsets.UTF_8), buffer))
                    .as("buffer %d", buffer).containsExactly("1:[a, b]", "2:[1, 2]", "f.csv line 4: the row has "
                            + "more than 4 columns, the connection's maxColumns");
        }
    }

    @Test
    void textAfterAClosingQuoteAndAnUnclosedQuoteFailAtEveryBoundary() {
        for (int buffer : BUFFERS) {
            assertThat(parse("a,b\n1,2\n3,\"4\" \n5,\"6\"x\n".getBytes(StandardCharsets.UTF_8), buffer))
                    .as("buffer %d", buffer).containsExactly("1:[a, b]", "2:[1, 2]", "3:[3, 4]",
                            "f.csv line 4, column 'b': there is text after the closing quote of a quoted value");
            assertThat(parse("a,b\n1,2\n3,\"4\n5\n".getBytes(StandardCharsets.UTF_8), buffer))
                    .as("buffer %d", buffer).containsExactly("1:[a, b]", "2:[1, 2]", "f.csv line 3: a quoted "
                            + "value starts here and is never closed");
        }
    }

    @Test
    void aNulCharacterIsSeenOnlyOnceTheTextHoldingItIsHandedOn() throws IOException {
        for (int buffer : BUFFERS) {
            try (CsvText text = text("a,b\n1,2\n3,\"x\0\"\n".getBytes(StandardCharsets.UTF_8), buffer)) {
                char[] target = new char[64];
                int read = 0;
                while (read < 8) {
                    read += text.read(target, read, 8 - read);
                }
                assertThat(text.nulSeen()).as("buffer %d", buffer).isFalse();
                while (text.read(target, 0, target.length) >= 0) {
                    // to the end
                }
                assertThat(text.nulSeen()).as("buffer %d", buffer).isTrue();
            }
        }
    }

    @Test
    void readsOfAnyLengthHandOnTheSameCharacters() throws IOException {
        String content = "a;b\n\"é😀\r\n\";\"\"\"x\"\n€;y\n";
        for (int buffer : BUFFERS) {
            for (int length : new int[] {1, 2, 15, 16, 17, 100}) {
                try (CsvText text = text(content.getBytes(StandardCharsets.UTF_8), buffer)) {
                    text.delimiter(text.detectDelimiter());
                    StringBuilder out = new StringBuilder();
                    char[] target = new char[length + 3];
                    int n;
                    while ((n = text.read(target, 3, length)) >= 0) {
                        out.append(target, 3, n);
                    }
                    assertThat(out.toString()).as("buffer %d, length %d", buffer, length).isEqualTo(content);
                }
            }
        }
    }

    @Test
    void theDelimitersLookReadsAFirstLineLongerThanTheBuffer() throws IOException {
        StringBuilder header = new StringBuilder("\"a,b\"");
        for (int i = 0; i < 40; i++) {
            header.append(";c").append(i);
        }
        String content = header + "\n1;2\n";
        for (int buffer : BUFFERS) {
            try (CsvText text = new CsvText(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8, "f.csv", 1000, 100, 1000, buffer)) {
                assertThat(text.detectDelimiter()).as("buffer %d", buffer).isEqualTo(';');
                text.delimiter(';');
                StringBuilder out = new StringBuilder();
                char[] target = new char[8192];
                int n;
                while ((n = text.read(target, 0, target.length)) >= 0) {
                    out.append(target, 0, n);
                }
                assertThat(out.toString()).as("buffer %d", buffer).isEqualTo(content);
            }
        }
    }

    private static CsvText text(byte[] content, int buffer) {
        return new CsvText(new ByteArrayInputStream(content), StandardCharsets.UTF_8, "f.csv", MAX_FIELD,
                MAX_COLUMNS, MAX_RECORD, buffer);
    }

    /**
     * Parses as {@link CsvFile} does.
     *
     * @return each record as its line and values, then the failure's message, if any (cut after the limit's name)
     */
    private static List<String> parse(byte[] content, int buffer) {
        List<String> records = new ArrayList<>();
        CsvText text = text(content, buffer);
        try {
            text.delimiter(text.detectDelimiter());
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(',').setIgnoreEmptyLines(true).get();
            try (Reader reader = text; CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format)
                    .get()) {
                for (CSVRecord record : parser) {
                    if (records.isEmpty()) {
                        text.columnNames(record.toList());
                    }
                    records.add(text.nextRecordLine() + ":" + record.toList());
                }
            }
        } catch (ConnectorException e) {
            String message = e.getMessage();
            int cut = message.indexOf("; often");
            cut = cut < 0 ? message.indexOf(": check") : cut;
            cut = cut < 0 ? message.indexOf(": quote") : cut;
            cut = cut < 0 ? message.indexOf(" (unclosed") : cut;
            cut = cut < 0 ? message.indexOf(": save") : cut;
            records.add(cut < 0 ? message : message.substring(0, cut));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
