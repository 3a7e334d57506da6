package dev.connections.salesforce;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okio.BufferedSource;

/**
 * Reads a Bulk API 2.0 CSV result as it streams: RFC 4180 (comma, double quotes, quotes doubled, line breaks inside
 * quotes, LF or CRLF), a header naming the columns, an empty value meaning null. A value or a record longer than the
 * {@link SalesforceLimits} allow fails the read (INVALID_DATA naming the limit and the record) before it is held
 * whole. Not thread-safe.
 */
final class CsvRecords {

    private static final int END_OF_ROW = -2;
    private static final int END_OF_INPUT = -1;

    private final Reader in;
    private final int maxValue;
    private final int maxLine;
    private final String where;
    private final StringBuilder value = new StringBuilder();
    private final char[] buffer = new char[8192];
    private int position;
    private int length;
    private int pushedBack = Integer.MIN_VALUE;
    /** The record being read, 0 for the header. */
    private long record;
    /** Characters of the record being read so far, separators included. */
    private int lineChars;

    /** @param where what is being read, for messages, e.g. "reading Account, Bulk results page 2" */
    CsvRecords(BufferedSource source, SalesforceLimits limits, String where) {
        this.in = new InputStreamReader(source.inputStream(), StandardCharsets.UTF_8);
        this.maxValue = limits.maxValueChars();
        this.maxLine = limits.maxCsvLineChars();
        this.where = where;
    }

    /**
     * Reads the header and then every row, each mapped onto the selected columns.
     *
     * @return how many rows were read
     * @throws IOException when the stream breaks or a quoted value never ends
     */
    int read(Columns columns, QueryPages.RecordHandler handler) throws IOException {
        List<String> header = new ArrayList<>();
        if (!row(header)) {
            return 0;
        }
        int[] target = new int[header.size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = columns.indexOf(header.get(i));
        }
        int selected = columns.selected().size();
        List<String> cells = new ArrayList<>(target.length);
        int rows = 0;
        while (true) {
            record++;
            if (!row(cells)) {
                break;
            }
            if (cells.size() != target.length) {
                throw new IOException("a Bulk result row has " + cells.size() + " values for " + target.length
                        + " columns");
            }
            Object[] raw = new Object[selected];
            for (int i = 0; i < target.length; i++) {
                if (target[i] >= 0) {
                    raw[target[i]] = cells.get(i);
                }
            }
            handler.record(raw);
            rows++;
        }
        return rows;
    }

    /** Reads one row into {@code cells} (empty values as null); false at the end of the input. */
    private boolean row(List<String> cells) throws IOException {
        cells.clear();
        lineChars = 0;
        int c = read();
        if (c == END_OF_INPUT) {
            return false;
        }
        unread(c);
        while (true) {
            int end = cell();
            cells.add(value.length() == 0 ? null : value.toString());
            if (end != ',') {
                return true;
            }
        }
    }

    /** Reads one value into {@link #value}; returns what ended it: ',' or END_OF_ROW. */
    private int cell() throws IOException {
        value.setLength(0);
        int limit = Math.max(0, Math.min(maxValue, maxLine - lineChars));
        int c = read();
        if (c == '"') {
            while (true) {
                c = read();
                if (c == END_OF_INPUT) {
                    throw new IOException("a quoted value of the Bulk result never ends: the result was cut off");
                }
                if (c == '"') {
                    c = read();
                    if (c != '"') {
                        break;
                    }
                }
                append(c, limit);
            }
        }
        while (c != ',' && c != '\n' && c != '\r' && c != END_OF_INPUT) {
            append(c, limit);
            c = read();
        }
        lineChars += value.length() + 1;
        if (c == '\r') {
            c = read();
            if (c != '\n') {
                unread(c);
            }
            return END_OF_ROW;
        }
        return c == ',' ? ',' : END_OF_ROW;
    }

    private void append(int c, int limit) {
        if (value.length() == limit) {
            boolean wholeValue = limit == maxValue;
            throw SalesforceErrors.tooLarge(where + (record == 0 ? ", the header" : String.format(Locale.ROOT,
                    ", record %,d", record)), wholeValue ? "a value" : "a record", String.format(Locale.ROOT,
                    "%,d characters", wholeValue ? maxValue : maxLine), wholeValue
                    ? "SalesforceLimits.DEFAULT.withMaxValueChars" : "SalesforceLimits.DEFAULT.withMaxCsvLineChars",
                    null);
        }
        value.append((char) c);
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        if (position == length) {
            length = in.read(buffer, 0, buffer.length);
            position = 0;
            if (length <= 0) {
                length = 0;
                return END_OF_INPUT;
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
