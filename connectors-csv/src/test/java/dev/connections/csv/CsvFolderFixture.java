package dev.connections.csv;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.TestConnectorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder of CSV files for tests, and a connection to it through {@link CsvConnector}, which allows the folder that
 * holds it (so that a test can point the folder setting at a sibling).
 */
final class CsvFolderFixture {

    final Path root;
    private final Map<String, String> settings = new HashMap<>();

    CsvFolderFixture(Path root) {
        this.root = root;
        settings.put("folder", root.toString());
    }

    CsvFolderFixture set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    Path write(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] content) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ConnectorSession session() {
        return CsvConnector.allowingRoots(root.getParent()).open(TestConnectorContext.of(settings));
    }

    /** @return the connector and a connection to this folder, as the TCK's suites take them */
    ConnectorSubject<CsvConnector> subject() {
        return ConnectorSubject.of(CsvConnector.allowingRoots(root.getParent()), settings);
    }

    /** @return the rows of a full read of every column, all as TEXT */
    List<List<Object>> texts(String object) {
        try (ConnectorSession session = session()) {
            List<SourceField> fields = session.describe(object).fieldNames().stream()
                    .map(name -> SourceField.of(name, FieldType.TEXT)).toList();
            return values(read(object, fields, Filter.all()).rows);
        }
    }

    /** @return the rows of a full read of every column, typed as described */
    List<List<Object>> typed(String object) {
        try (ConnectorSession session = session()) {
            return values(read(object, session.describe(object).fields(), Filter.all()).rows);
        }
    }

    Read read(String object, List<SourceField> fields, Filter filter) {
        return read(new ReadRequest(object, fields, List.of(fields.get(0).name()), filter, ReadMode.FULL,
                null));
    }

    Read readIncrementally(String object, List<SourceField> fields, Cursor cursor) {
        return read(new ReadRequest(object, fields, List.of(fields.get(0).name()), Filter.all(),
                ReadMode.INCREMENTAL, cursor));
    }

    Read read(ReadRequest request) {
        Sink sink = new Sink();
        try (ConnectorSession session = session()) {
            ReadResult result = session.read(request, sink);
            return new Read(result, sink.rows);
        }
    }

    static List<SourceField> fields(Object... namesAndTypes) {
        List<SourceField> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.add(SourceField.of((String) namesAndTypes[i], (FieldType) namesAndTypes[i + 1]));
        }
        return fields;
    }

    static List<List<Object>> values(List<Row> rows) {
        return rows.stream().map(row -> Arrays.asList(row.values())).toList();
    }

    /** What a read returned and delivered. */
    record Read(ReadResult result, List<Row> rows) {
        List<List<Object>> values() {
            return CsvFolderFixture.values(rows);
        }
    }

    /** Keeps every row. */
    static class Sink implements RecordSink {
        final List<Row> rows = new ArrayList<>();

        @Override
        public void accept(Row row) {
            rows.add(row);
        }

        @Override
        public void deleted(Object... key) {
            throw new AssertionError("the csv connector reports no deletions");
        }
    }
}
