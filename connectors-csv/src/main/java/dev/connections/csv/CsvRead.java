package dev.connections.csv;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One read of one CSV file. The file's fingerprint is the cursor:
 * <ul>
 *   <li>an incremental read of a file whose size and modification time are those of the cursor reads nothing: it
 *       answers INCREMENTAL with the same cursor and no record;</li>
 *   <li>a file of the same size but another modification time is hashed: the same content (a touched file) answers
 *       INCREMENTAL with no record and a cursor with the new time;</li>
 *   <li>anything else is parsed in full, hashing the bytes as they are parsed (a changed file is read once), and
 *       answers FULL: the engine compares the records by refresh key.</li>
 * </ul>
 * The cursor describes the content read: a file that changes while it is read fails UNAVAILABLE. Not thread-safe.
 */
final class CsvRead {

    private static final int COLUMNS_SHOWN = 20;

    private final CsvSettings settings;
    private final Path path;
    private final String name;
    private TypeInference sample;

    /**
     * @param path the file, resolved in the folder
     * @param name its object name, for messages
     */
    CsvRead(CsvSettings settings, Path path, String name) {
        this.settings = settings;
        this.path = path;
        this.name = name;
    }

    ReadResult read(ReadRequest request, RecordSink sink) {
        Fingerprint.Stamp before = Fingerprint.Stamp.of(path, name);
        if (request.mode() == ReadMode.INCREMENTAL) {
            Fingerprint previous = Fingerprint.parse(request.cursor());
            if (previous != null && previous.stamp().equals(before)) {
                return ReadResult.incremental(request.cursor());
            }
            if (previous != null && previous.stamp().size() == before.size()) {
                Fingerprint now = Fingerprint.of(path, name, before);
                if (now.sha256().equals(previous.sha256())) {
                    return ReadResult.incremental(now.cursor());
                }
            }
        }
        try {
            return ReadResult.full(parse(request, sink, before).cursor());
        } catch (ConnectorException e) {
            if (e.kind() == Kind.INVALID_DATA) {
                before.checkUnchanged(Fingerprint.Stamp.of(path, name), before.size(), name);
            }
            throw e;
        }
    }

    private Fingerprint parse(ReadRequest request, RecordSink sink, Fingerprint.Stamp before) {
        try (CsvFile file = CsvFile.open(path, name, settings)) {
            List<String> header = file.header();
            List<SourceField> fields = request.fields();
            int n = fields.size();
            int[] columns = new int[n];
            Converter[] converters = new Converter[n];
            for (int i = 0; i < n; i++) {
                int column = columnOf(fields.get(i).name(), header);
                columns[i] = column;
                Supplier<DateOrder> order = () -> sample().order(column);
                converters[i] = Converter.of(fields.get(i).type(), settings.zone(), order);
            }
            Filter.RowPredicate filter = request.filter() instanceof Filter.All ? null
                    : request.filter().compile(fields);
            while (file.next()) {
                Object[] values = new Object[n];
                boolean nulPossible = file.nulSeen();
                for (int i = 0; i < n; i++) {
                    String raw = file.value(columns[i]);
                    try {
                        values[i] = converters[i].convert(raw, nulPossible);
                    } catch (IllegalArgumentException e) {
                        boolean text = fields.get(i).type() == FieldType.TEXT || fields.get(i).type() == FieldType.JSON;
                        throw Where.invalid(Where.cell(name, file.line(), columns[i], header), Where.shown(raw)
                                + " is not " + e.getMessage() + (text ? "" : ": fix the value in the file, or make "
                                + "the column TEXT in the table, which takes any value"));
                    }
                }
                if (filter == null || filter.test(values)) {
                    sink.accept(new Row(values, file.line()));
                }
            }
            Fingerprint read = new Fingerprint(before, file.sha256());
            before.checkUnchanged(Fingerprint.Stamp.of(path, name), file.bytesRead(), name);
            return read;
        }
    }

    private int columnOf(String field, List<String> header) {
        int column = header.indexOf(field);
        if (column < 0) {
            String shown = String.join(", ", header.subList(0, Math.min(COLUMNS_SHOWN, header.size())))
                    + (header.size() > COLUMNS_SHOWN ? ", …" : "");
            throw new ConnectorException(Kind.NOT_FOUND, name + " has no column '" + field + "': its columns are "
                    + shown + ". Put the column back in the file's first line, or remove the field from the table");
        }
        return column;
    }

    /** The types of the first rows, looked at only when a date that is not ISO needs the column's order. */
    private TypeInference sample() {
        if (sample == null) {
            try (CsvFile file = CsvFile.open(path, name, settings)) {
                sample = TypeInference.sample(file);
            }
        }
        return sample;
    }
}
