package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.List;

/**
 * The characters of one CSV file on their way to commons-csv. It decodes the bytes strictly (text that is not valid in
 * the encoding fails, it is never replaced), and it follows the CSV grammar alongside the parser, so that:
 * <ul>
 *   <li>a value longer than {@code maxFieldSize}, a record with more than {@code maxColumns} fields or a record whose
 *       values have more than {@code maxRecordSize} characters together fails before the parser buffers it: a broken
 *       or hostile file cannot exhaust memory;</li>
 *   <li>an unclosed quote and text after a closing quote fail naming the line where the problem is;</li>
 *   <li>the line where each record starts is known exactly, even after values with line breaks.</li>
 * </ul>
 * Its grammar is the parser's: delimiter, {@code "} quotes with {@code ""} inside, CR, LF or CRLF line ends, empty
 * lines skipped, whitespace allowed after a closing quote. A failure is thrown as a {@link ConnectorException}
 * INVALID_DATA once every character before the bad one has been handed on, so the records before it are read first.
 *
 * <p>Not thread-safe. Closing it closes the stream.
 */
final class CsvText extends Reader {

    private static final int BUFFER = 64 * 1024;
    private static final int HEADER_PEEK_LIMIT = 1 << 20;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private static final int RECORD_START = 0;
    private static final int FIELD_START = 1;
    private static final int UNQUOTED = 2;
    private static final int QUOTED = 3;
    private static final int QUOTE_SEEN = 4;
    private static final int AFTER_QUOTE = 5;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String file;
    private final int maxFieldSize;
    private final int maxColumns;
    private final int maxRecordSize;

    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private boolean bytesEnded;
    private boolean bytesDecoded;
    private boolean flushed;
    private CoderResult decodeError;
    private char[] chars = new char[BUFFER];
    private int pos;
    private int limit;
    private Failure failure;

    private char delimiter = ',';
    private List<String> columnNames = List.of();
    private int state = RECORD_START;
    private boolean skipLineFeed;
    private long line = 1;
    private long recordLine;
    private long fieldLine;
    private int fieldLength;
    private int recordLength;
    private int fieldCount;
    private long[] recordStarts = new long[64];
    private int startsHead;
    private int startsSize;

    CsvText(InputStream in, Charset charset, String file, int maxFieldSize, int maxColumns, int maxRecordSize) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.file = file;
        this.maxFieldSize = maxFieldSize;
        this.maxColumns = maxColumns;
        this.maxRecordSize = maxRecordSize;
    }

    /**
     * Looks at the first line, before anything is read, and picks the delimiter that occurs most often in it outside
     * quotes ({@code ,} when none does, or on a tie, in the order , ; tab |).
     */
    char detectDelimiter() throws IOException {
        int end = pos;
        boolean quoted = false;
        while (true) {
            for (; end < limit; end++) {
                char c = chars[end];
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    return mostFrequentDelimiter(end);
                }
            }
            if (limit - pos >= HEADER_PEEK_LIMIT || decodeMore() == 0) {
                return mostFrequentDelimiter(limit);
            }
        }
    }

    private char mostFrequentDelimiter(int end) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = pos; i < end; i++) {
            char c = chars[i];
            if (c == '"') {
                quoted = !quoted;
            }
            for (int d = 0; d < DELIMITERS.length && !quoted; d++) {
                if (c == DELIMITERS[d]) {
                    counts[d]++;
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    void delimiter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Names the columns in later failures. */
    void columnNames(List<String> names) {
        this.columnNames = List.copyOf(names);
    }

    /** @return the line where the next record handed to the parser starts; 0 when unknown */
    long nextRecordLine() {
        if (startsSize == 0) {
            return 0;
        }
        long start = recordStarts[startsHead];
        startsHead = (startsHead + 1) % recordStarts.length;
        startsSize--;
        return start;
    }

    /** @return the line where the record the parser is working on starts */
    long pendingRecordLine() {
        return startsSize == 0 ? line : recordStarts[startsHead];
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (failure != null) {
            throw failure.exception();
        }
        if (pos == limit && decodeMore() == 0) {
            if (state == QUOTED) {
                fail(fieldLine, -1, "a quoted value starts here and is never closed (unclosed quote): add the "
                        + "closing quote, and double every quote inside the value (\"\")");
                throw failure.exception();
            }
            return -1;
        }
        int n = follow(target, offset, Math.min(length, limit - pos));
        if (n == 0) {
            throw failure.exception();
        }
        return n;
    }

    /**
     * Copies up to {@code n} characters, following the grammar; stops before a character that fails. Runs of plain
     * characters inside a value are skipped over in one go.
     */
    @SuppressWarnings("fallthrough")
    private int follow(char[] target, int offset, int n) {
        final char[] source = chars;
        final char d = delimiter;
        final int end = pos + n;
        int p = pos;
        scan:
        while (p < end) {
            char c = source[p];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    p++;
                    continue;
                }
            }
            switch (state) {
                case RECORD_START:
                    if (c == '\n' || c == '\r') {
                        lineBreak(c);
                        break;
                    }
                    startRecord();
                    state = FIELD_START;
                    // the first character of the record is also the first of its first field
                case FIELD_START:
                    if (c == d) {
                        startField();
                    } else if (c == '\n' || c == '\r') {
                        endRecord(c);
                    } else if (c == '"') {
                        state = QUOTED;
                    } else {
                        state = UNQUOTED;
                        continue;
                    }
                    break;
                case UNQUOTED:
                    if (c == d) {
                        state = FIELD_START;
                        startField();
                    } else if (c == '\n' || c == '\r') {
                        endRecord(c);
                    } else {
                        int run = p + 1;
                        while (run < end && (c = source[run]) != d && c != '\n' && c != '\r') {
                            run++;
                        }
                        p += grow(run - p);
                        if (failure != null) {
                            break scan;
                        }
                        continue;
                    }
                    break;
                case QUOTED:
                    if (c == '"') {
                        state = QUOTE_SEEN;
                    } else if (c == '\n' || c == '\r') {
                        if (grow(1) == 1) {
                            lineBreak(c);
                        }
                    } else {
                        int run = p + 1;
                        while (run < end && (c = source[run]) != '"' && c != '\n' && c != '\r') {
                            run++;
                        }
                        p += grow(run - p);
                        if (failure != null) {
                            break scan;
                        }
                        continue;
                    }
                    break;
                case QUOTE_SEEN:
                    if (c == '"') {
                        state = QUOTED;
                        grow(1);
                        break;
                    }
                    state = AFTER_QUOTE;
                    // the quote closed the value: this character follows it
                case AFTER_QUOTE:
                    if (c == d) {
                        state = FIELD_START;
                        startField();
                    } else if (c == '\n' || c == '\r') {
                        endRecord(c);
                    } else if (!Character.isWhitespace(c)) {
                        fail(line, fieldCount - 1, "there is text after the closing quote of a quoted value: quote "
                                + "the whole value, and double every quote inside it (\"\"), e.g. \"say \"\"hi\"\"\"");
                    }
                    break;
                default:
                    throw new IllegalStateException("state " + state);
            }
            if (failure != null) {
                break;
            }
            p++;
        }
        int copied = p - pos;
        System.arraycopy(source, pos, target, offset, copied);
        pos = p;
        return copied;
    }

    private void fail(long at, int column, String message) {
        failure = new Failure(at, column, message);
    }

    private void lineBreak(char c) {
        line++;
        skipLineFeed = c == '\r';
    }

    private void startRecord() {
        if (startsSize == recordStarts.length) {
            long[] grown = new long[recordStarts.length * 2];
            for (int i = 0; i < startsSize; i++) {
                grown[i] = recordStarts[(startsHead + i) % recordStarts.length];
            }
            recordStarts = grown;
            startsHead = 0;
        }
        recordStarts[(startsHead + startsSize) % recordStarts.length] = line;
        startsSize++;
        recordLine = line;
        recordLength = 0;
        fieldCount = 0;
        startField();
    }

    private void startField() {
        fieldLength = 0;
        fieldLine = line;
        if (++fieldCount > maxColumns) {
            fail(recordLine, -1, "the row has more than " + Where.count(maxColumns)
                    + " columns, the connection's maxColumns: check that the delimiter is right, or raise maxColumns "
                    + "if the file really has that many columns");
        }
    }

    /**
     * Adds characters to the current value.
     *
     * @return how many of them fit under maxFieldSize and maxRecordSize: all, or fewer after a failure was recorded
     */
    private int grow(int count) {
        int fieldRoom = maxFieldSize - fieldLength;
        int recordRoom = maxRecordSize - recordLength;
        if (count <= fieldRoom && count <= recordRoom) {
            fieldLength += count;
            recordLength += count;
            return count;
        }
        if (fieldRoom <= recordRoom) {
            fail(fieldLine, fieldCount - 1, "a value is longer than " + Where.count(maxFieldSize) + " characters, the "
                    + "connection's maxFieldSize; often a quote that is never closed turns the rest of the file into "
                    + "one value: check the quotes from this line on, or raise maxFieldSize if values really are that "
                    + "long");
            return fieldRoom;
        }
        fail(recordLine, -1, "the values of the row have more than " + Where.count(maxRecordSize) + " characters "
                + "together, the connection's maxRecordSize: check the delimiter and the quotes from this line on, or "
                + "raise maxRecordSize if rows really are that long");
        return recordRoom;
    }

    private void endRecord(char c) {
        lineBreak(c);
        state = RECORD_START;
    }

    /** Decodes more characters into the buffer. @return how many; 0 at the end of the text */
    private int decodeMore() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        int start = limit;
        while (limit == start) {
            if (decodeError != null) {
                fail(line, -1, "the file is not valid " + decoder.charset().name()
                        + " text here (" + (decodeError.isMalformed() ? "malformed" : "unmappable") + " input of "
                        + decodeError.length() + " byte(s)): save the file as " + decoder.charset().name()
                        + ", or set the connection's encoding setting to the encoding the file is written in "
                        + "(e.g. windows-1252)");
                throw failure.exception();
            }
            if (flushed) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(chars, limit, chars.length - limit);
            CoderResult result;
            if (bytesDecoded) {
                result = decoder.flush(out);
                flushed = result.isUnderflow();
            } else {
                result = decoder.decode(bytes, out, bytesEnded);
                bytesDecoded = bytesEnded && result.isUnderflow();
            }
            limit = out.position();
            if (result.isError()) {
                decodeError = result;
            } else if (result.isUnderflow() && !bytesEnded) {
                readBytes();
            }
        }
        return limit - start;
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            bytesEnded = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A failure found ahead of the parser. The exception is made when the parser reaches it, by which time the
     * header has been read and the column can be named.
     */
    private final class Failure {
        private final long line;
        private final int column;
        private final String message;
        private ConnectorException exception;

        Failure(long line, int column, String message) {
            this.line = line;
            this.column = column;
            this.message = message;
        }

        ConnectorException exception() {
            if (exception == null) {
                String location = column < 0 ? Where.line(file, line) : Where.cell(file, line, column, columnNames);
                exception = Where.invalid(location, message);
            }
            return exception;
        }
    }
}
