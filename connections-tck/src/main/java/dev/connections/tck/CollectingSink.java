package dev.connections.tck;

import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RecordSink} that keeps everything it is given, in order, in memory: fine for the small objects of tests.
 * Not thread-safe: like every sink it is called on the reading thread only.
 */
public final class CollectingSink implements RecordSink {

    private final List<Row> rows = new ArrayList<>();
    private final List<List<Object>> deletions = new ArrayList<>();

    @Override
    public void accept(Row row) {
        rows.add(row);
    }

    @Override
    public void deleted(Object... key) {
        deletions.add(Arrays.asList(key.clone()));
    }

    /** @return the rows received, in order; never null */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** @return the refresh key values of every deletion received, in order; never null (elements may hold null) */
    public List<List<Object>> deletions() {
        return List.copyOf(deletions);
    }

    /**
     * @param fieldNames the names of the requested fields, in row order
     * @return the rows received as field name to value (null values kept), in order; never null
     */
    public List<Map<String, Object>> records(List<String> fieldNames) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < fieldNames.size(); i++) {
                record.put(fieldNames.get(i), i < row.values().length ? row.get(i) : null);
            }
            records.add(record);
        }
        return records;
    }
}
