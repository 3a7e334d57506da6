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
 * <p>The parser's reads are decoded straight into its array and followed there in one loop, so the characters are
 * not copied in between; on the way it notes whether a NUL character went by ({@link #nulSeen()}), so that values
 * need no search for one until one does.
 *
 * <p>Not thread-safe. Closing it closes the stream.
 */
final class CsvText extends Reader {

    private static final int BUFFER = 64 * 1024;
    /** Shorter reads go through the buffer: decoding needs room for a surrogate pair at least. */
    private static final int MIN_DIRECT = 16;
    /**
     * The characters decoded ahead at first: only the delimiter's look at the first line (which grows the buffer as
     * the line needs) and short reads use the buffer, the parser's reads are decoded straight into its array.
     */
    private static final int CHARS_AHEAD = 8 * 1024;
    /** The longest byte sequence of one character in the encodings a file may use, so the byte buffer holds one. */
    private static final int MIN_BYTES = 8;
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

    private final ByteBuffer bytes;
    private boolean bytesEnded;
    private boolean bytesDecoded;
    private boolean flushed;
    private CoderResult decodeError;
    private char[] chars;
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
    private boolean nulSeen;
    /** A ring of the lines where records start, ahead of the parser; its length is a power of two. */
    private long[] recordStarts = new long[64];
    private int startsHead;
    private int startsSize;

    CsvText(InputStream in, Charset charset, String file, int maxFieldSize, int maxColumns, int maxRecordSize) {
        this(in, charset, file, maxFieldSize, maxColumns, maxRecordSize, BUFFER);
    }

    /**
     * @param buffer how many bytes are read from the stream at once, and characters decoded ahead at once; tests
     *               make it small to put the buffers' boundaries anywhere in a file
     */
    CsvText(InputStream in, Charset charset, String file, int maxFieldSize, int maxColumns, int maxRecordSize,
            int buffer) {
        this.in = in;
        this.bytes = ByteBuffer.allocate(Math.max(buffer, MIN_BYTES)).flip();
        this.chars = new char[Math.max(Math.min(buffer, CHARS_AHEAD), MIN_DIRECT)];
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
        startsHead = (startsHead + 1) & (recordStarts.length - 1);
        startsSize--;
        return start;
    }

    /** @return the line where the record the parser is working on starts */
    long pendingRecordLine() {
        return startsSize == 0 ? line : recordStarts[startsHead];
    }

    /** @return whether a NUL character turned up in the text handed on so far: until one does, no value holds one */
    boolean nulSeen() {
        return nulSeen;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (failure != null) {
            throw failure.exception();
        }
        if (pos < limit || length < MIN_DIRECT) {
            return readBuffered(target, offset, length);
        }
        // decoded straight into the reader's array and followed there: no copy of the characters in between
        int n = decode(target, offset, length);
        if (n == 0) {
            return end();
        }
        int stop = follow(target, offset, offset + n);
        if (stop == offset) {
            throw failure.exception();
        }
        return stop - offset;
    }

    /** Hands on characters decoded ahead into the buffer: those the delimiter's look decoded, or for short reads. */
    private int readBuffered(char[] target, int offset, int length) throws IOException {
        if (pos == limit && decodeMore() == 0) {
            return end();
        }
        int start = pos;
        int stop = follow(chars, start, start + Math.min(length, limit - start));
        if (stop == start) {
            throw failure.exception();
        }
        System.arraycopy(chars, start, target, offset, stop - start);
        pos = stop;
        return stop - start;
    }

    private int end() throws IOException {
        if (state == QUOTED) {
            fail(fieldLine, -1, "a quoted value starts here and is never closed (unclosed quote): add the "
                    + "closing quote, and double every quote inside the value (\"\")");
            throw failure.exception();
        }
        return -1;
    }

    /**
     * Follows the grammar over {@code buffer[from, to)}, in one tight loop with the state in locals: runs of plain
     * characters inside a value are stepped over with one comparison for most characters and counted at once.
     *
     * @return where it stopped: {@code to}, or the index of the first character that fails (the failure recorded)
     */
    @SuppressWarnings("fallthrough")
    private int follow(char[] buffer, int from, int to) {
        final char d = delimiter;
        // in an unquoted value every character above both the delimiter and CR is plain; in a quoted one, above '"'
        final char plainAbove = (char) Math.max(d, '\r');
        int st = state;
        long ln = line;
        long recLine = recordLine;
        long fLine = fieldLine;
        int fieldLen = fieldLength;
        int recordLen = recordLength;
        int fields = fieldCount;
        boolean lf = skipLineFeed;
        boolean nul = false;
        int p = from;
        scan:
        while (p < to) {
            char c = buffer[p];
            if (lf) {
                lf = false;
                if (c == '\n') {
                    p++;
                    continue;
                }
            }
            switch (st) {
                case RECORD_START:
                    if (c == '\n' || c == '\r') {
                        ln++;
                        lf = c == '\r';
                        p++;
                        continue;
                    }
                    recordStarts(ln);
                    recLine = ln;
                    recordLen = 0;
                    fields = 0;
                    fieldLen = 0;
                    fLine = ln;
                    if (++fields > maxColumns) {
                        failColumns(recLine);
                        break scan;
                    }
                    st = FIELD_START;
                    // the first character of the record is also the first of its first field
                case FIELD_START:
                    if (c == d) {
                        fieldLen = 0;
                        fLine = ln;
                        if (++fields > maxColumns) {
                            failColumns(recLine);
                            break scan;
                        }
                        p++;
                        continue;
                    }
                    if (c == '\n' || c == '\r') {
                        ln++;
                        lf = c == '\r';
                        st = RECORD_START;
                        p++;
                        continue;
                    }
                    if (c == '"') {
                        st = QUOTED;
                        p++;
                        continue;
                    }
                    st = UNQUOTED;
                    // c is the first character of an unquoted value
                case UNQUOTED: {
                    int q = p;
                    while (q < to) {
                        char e = buffer[q];
                        if (e > plainAbove) {
                            q++;
                        } else if (e == d || e == '\n' || e == '\r') {
                            break;
                        } else {
                            nul |= e == 0;
                            q++;
                        }
                    }
                    int count = q - p;
                    if (count > maxFieldSize - fieldLen || count > maxRecordSize - recordLen) {
                        p += failLength(fieldLen, recordLen, fLine, recLine, fields);
                        break scan;
                    }
                    fieldLen += count;
                    recordLen += count;
                    p = q;
                    if (q == to) {
                        break scan;
                    }
                    if (buffer[q] == d) {
                        st = FIELD_START;
                        fieldLen = 0;
                        fLine = ln;
                        if (++fields > maxColumns) {
                            failColumns(recLine);
                            break scan;
                        }
                    } else {
                        ln++;
                        lf = buffer[q] == '\r';
                        st = RECORD_START;
                    }
                    p++;
                    continue;
                }
                case QUOTED: {
                    int q = p;
                    while (q < to) {
                        char e = buffer[q];
                        if (e > '"') {
                            q++;
                        } else if (e == '"' || e == '\n' || e == '\r') {
                            break;
                        } else {
                            nul |= e == 0;
                            q++;
                        }
                    }
                    int count = q - p;
                    if (count > maxFieldSize - fieldLen || count > maxRecordSize - recordLen) {
                        p += failLength(fieldLen, recordLen, fLine, recLine, fields);
                        break scan;
                    }
                    fieldLen += count;
                    recordLen += count;
                    p = q;
                    if (q == to) {
                        break scan;
                    }
                    c = buffer[q];
                    if (c == '"') {
                        st = QUOTE_SEEN;
                    } else {
                        // a line break inside the value is one of its characters
                        if (fieldLen == maxFieldSize || recordLen == maxRecordSize) {
                            failLength(fieldLen, recordLen, fLine, recLine, fields);
                            break scan;
                        }
                        fieldLen++;
                        recordLen++;
                        ln++;
                        lf = c == '\r';
                    }
                    p++;
                    continue;
                }
                case QUOTE_SEEN:
                    if (c == '"') {
                        // "" inside a quoted value: one quote of the value
                        if (fieldLen == maxFieldSize || recordLen == maxRecordSize) {
                            failLength(fieldLen, recordLen, fLine, recLine, fields);
                            break scan;
                        }
                        fieldLen++;
                        recordLen++;
                        st = QUOTED;
                        p++;
                        continue;
                    }
                    st = AFTER_QUOTE;
                    // the quote closed the value: this character follows it
                case AFTER_QUOTE:
                    if (c == d) {
                        st = FIELD_START;
                        fieldLen = 0;
                        fLine = ln;
                        if (++fields > maxColumns) {
                            failColumns(recLine);
                            break scan;
                        }
                    } else if (c == '\n' || c == '\r') {
                        ln++;
                        lf = c == '\r';
                        st = RECORD_START;
                    } else if (!Character.isWhitespace(c)) {
                        fail(ln, fields - 1, "there is text after the closing quote of a quoted value: quote "
                                + "the whole value, and double every quote inside it (\"\"), e.g. \"say \"\"hi\"\"\"");
                        break scan;
                    }
                    p++;
                    continue;
                default:
                    throw new IllegalStateException("state " + st);
            }
        }
        state = st;
        line = ln;
        recordLine = recLine;
        fieldLine = fLine;
        fieldLength = fieldLen;
        recordLength = recordLen;
        fieldCount = fields;
        skipLineFeed = lf;
        nulSeen |= nul;
        return p;
    }

    private void fail(long at, int column, String message) {
        failure = new Failure(at, column, message);
    }

    /** Remembers the line of a record that starts, for {@link #nextRecordLine()}. */
    private void recordStarts(long at) {
        if (startsSize == recordStarts.length) {
            long[] grown = new long[recordStarts.length * 2];
            for (int i = 0; i < startsSize; i++) {
                grown[i] = recordStarts[(startsHead + i) & (recordStarts.length - 1)];
            }
            recordStarts = grown;
            startsHead = 0;
        }
        recordStarts[(startsHead + startsSize) & (recordStarts.length - 1)] = at;
        startsSize++;
    }

    private void failColumns(long at) {
        fail(at, -1, "the row has more than " + Where.count(maxColumns)
                + " columns, the connection's maxColumns: check that the delimiter is right, or raise maxColumns "
                + "if the file really has that many columns");
    }

    /**
     * Records the failure of a value that does not fit under maxFieldSize or maxRecordSize.
     *
     * @return how many more characters did fit
     */
    private int failLength(int fieldLen, int recordLen, long fLine, long recLine, int fields) {
        int fieldRoom = maxFieldSize - fieldLen;
        int recordRoom = maxRecordSize - recordLen;
        if (fieldRoom <= recordRoom) {
            fail(fLine, fields - 1, "a value is longer than " + Where.count(maxFieldSize) + " characters, the "
                    + "connection's maxFieldSize; often a quote that is never closed turns the rest of the file into "
                    + "one value: check the quotes from this line on, or raise maxFieldSize if values really are that "
                    + "long");
            return fieldRoom;
        }
        fail(recLine, -1, "the values of the row have more than " + Where.count(maxRecordSize) + " characters "
                + "together, the connection's maxRecordSize: check the delimiter and the quotes from this line on, or "
                + "raise maxRecordSize if rows really are that long");
        return recordRoom;
    }

    /** Decodes more characters into the buffer, after those not handed on yet. @return how many; 0 at the end */
    private int decodeMore() throws IOException {
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        int n = decode(chars, limit, chars.length - limit);
        limit += n;
        return n;
    }

    /**
     * Decodes characters into {@code target[offset, offset + length)}, which has room for at least two (a surrogate
     * pair). A malformed or unmappable sequence fails once the characters before it are handed on and followed, so
     * that the failure names its line.
     *
     * @return how many, at least one; 0 at the end of the text
     */
    private int decode(char[] target, int offset, int length) throws IOException {
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
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
            CoderResult result;
            if (bytesDecoded) {
                result = decoder.flush(out);
                flushed = result.isUnderflow();
            } else {
                result = decoder.decode(bytes, out, bytesEnded);
                bytesDecoded = bytesEnded && result.isUnderflow();
            }
            if (result.isError()) {
                decodeError = result;
            } else if (result.isUnderflow() && !bytesEnded) {
                readBytes();
            }
        }
        return out.position() - offset;
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
