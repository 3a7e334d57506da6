package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * One CSV file open for reading: its header, checked, then its records one at a time, each checked to have one value
 * per column and told with the line it starts on. Computes the SHA-256 of the bytes as they are read.
 *
 * <p>Parsing is commons-csv's RFC 4180 format with the delimiter set and empty lines skipped (not EXCEL's, which is
 * lenient at the end of a file); {@link CsvText} decodes the bytes and guards the parser. Not thread-safe.
 */
final class CsvFile implements AutoCloseable {

    private final String name;
    private final HashingInputStream hashing;
    private final CsvText text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final char delimiter;
    private final List<String> header;
    private CSVRecord record;
    private long line;

    private CsvFile(InputStream raw, String name, CsvSettings settings) throws IOException {
        this.name = name;
        this.hashing = new HashingInputStream(raw);
        BOMInputStream bom = BOMInputStream.builder().setInputStream(hashing)
                .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE).get();
        Charset charset = bom.hasBOM() ? Charset.forName(bom.getBOMCharsetName()) : settings.encoding();
        this.text = new CsvText(bom, charset, name, settings.maxFieldSize(), settings.maxColumns(),
                settings.maxRecordSize());
        this.delimiter = settings.delimiter() != null ? settings.delimiter() : text.detectDelimiter();
        text.delimiter(delimiter);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        this.parser = CSVParser.builder().setReader(text).setFormat(format).get();
        this.records = parser.iterator();
        this.header = readHeader();
        text.columnNames(header);
    }

    /**
     * Opens a file and reads its header.
     *
     * @param name the file's object name, for messages
     * @throws ConnectorException INVALID_DATA for an empty file or a bad header; NOT_FOUND, PERMISSION or UNAVAILABLE
     *                            when it cannot be read or is no longer a regular file (see {@link RegularFile})
     */
    static CsvFile open(Path path, String name, CsvSettings settings) {
        InputStream raw = RegularFile.open(path, name);
        try {
            return new CsvFile(raw, name, settings);
        } catch (IOException | RuntimeException e) {
            try {
                raw.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw Where.unreadable(name, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** @return the column names, in file order, stripped of surrounding whitespace */
    List<String> header() {
        return header;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the file
     * @throws ConnectorException INVALID_DATA when the file is not valid CSV there or the record has more or fewer
     *                            values than the header has columns
     */
    boolean next() {
        if (!advance()) {
            return false;
        }
        if (record.size() != header.size()) {
            throw Where.invalid(Where.line(name, line), "the row has " + record.size() + " value(s) but the header "
                    + "has " + header.size() + " column(s): every row needs one value per column, and a value that "
                    + "contains " + delimiterName() + " must be quoted (\"...\")");
        }
        return true;
    }

    /** @return the value of a column of the current record; empty, never null, when the cell is empty */
    String value(int column) {
        return record.get(column);
    }

    /**
     * @return false when no NUL character is in the text read so far, so that the values of the current record hold
     *         none
     */
    boolean nulSeen() {
        return text.nulSeen();
    }

    /** @return the line the current record starts on */
    long line() {
        return line;
    }

    /** @return how many bytes were read so far */
    long bytesRead() {
        return hashing.count();
    }

    /** @return the SHA-256 of the bytes read, in hex; call once, after {@link #next()} returned false */
    String sha256() {
        return hashing.sha256Hex();
    }

    private List<String> readHeader() {
        if (!advance()) {
            throw Where.invalid(Where.line(name, 1), "the file is empty: its first line must name the columns, "
                    + "e.g. id,name,amount");
        }
        List<String> names = new ArrayList<>(record.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String column = record.get(i).strip();
            if (column.isEmpty()) {
                throw Where.invalid(Where.cell(name, line, i, List.of()), "the header gives this column no name: "
                        + "give every column a name in the first line");
            }
            Integer earlier = seen.putIfAbsent(column, i);
            if (earlier != null) {
                throw Where.invalid(Where.line(name, line), "the header names two columns '" + column + "' (columns "
                        + (earlier + 1) + " and " + (i + 1) + "): rename one, column names must be unique");
            }
            names.add(column);
        }
        return List.copyOf(names);
    }

    private boolean advance() {
        try {
            if (!records.hasNext()) {
                return false;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof CSVException) {
                throw Where.invalid(Where.line(name, text.pendingRecordLine()), "the file is not valid CSV here ("
                        + cause.getMessage() + "): check the quotes and delimiters of this row");
            }
            throw Where.unreadable(name, cause);
        }
        line = text.nextRecordLine();
        if (line == 0) {
            line = parser.getCurrentLineNumber();
        }
        return true;
    }

    private String delimiterName() {
        return delimiter == '\t' ? "a tab" : "'" + delimiter + "'";
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw Where.unreadable(name, e);
        }
    }
}
