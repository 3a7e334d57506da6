package dev.connections.jdbc;

import dev.connections.api.ConnectedTable;
import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL table that holds a connected table's rows, as the catalog ({@code data_table}) describes it.
 *
 * @param id         the connected table
 * @param sqlName    the table's unqualified SQL name
 * @param fields     the connected fields, in row order
 * @param columns    the column of each field, in the same order
 * @param refreshKey the names of the refresh key fields, in key order
 */
record DataTable(TableId id, String sqlName, List<SourceField> fields, List<String> columns,
                 List<String> refreshKey) {

    DataTable {
        fields = List.copyOf(fields);
        columns = List.copyOf(columns);
        refreshKey = List.copyOf(refreshKey);
    }

    /**
     * A table for a definition: columns keep the names they had in {@code previous} (a map from field name to
     * column), new fields get new unique names.
     */
    static DataTable of(ConnectedTable table, String sqlName, Map<String, String> previous) {
        Set<String> used = new HashSet<>();
        List<String> columns = new ArrayList<>();
        for (SourceField f : table.fields()) {
            String kept = previous.get(f.name());
            if (kept != null) {
                used.add(kept);
            }
        }
        for (SourceField f : table.fields()) {
            String column = previous.get(f.name());
            if (column == null) {
                column = SqlNames.column(f.name());
                String base = SqlNames.sanitised(f.name(), 40, "field") + "_" + SqlNames.hash(f.name(), 8);
                for (int n = 2; used.contains(column); n++) {
                    column = base + "_" + n;
                }
                used.add(column);
            }
            columns.add(column);
        }
        return new DataTable(table.id(), sqlName, table.fields(), columns, table.refreshKey());
    }

    /** @return the field name to column map */
    Map<String, String> columnsByField() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            map.put(fields.get(i).name(), columns.get(i));
        }
        return map;
    }

    /** @return the positions of the refresh key fields, in key order */
    int[] keyIndexes() {
        List<String> names = fields.stream().map(SourceField::name).toList();
        return refreshKey.stream().mapToInt(names::indexOf).toArray();
    }

    FieldType type(int index) {
        return fields.get(index).type();
    }

    /** @return whether a definition has the same fields (names and types, in order) and refresh key */
    boolean sameShape(ConnectedTable table) {
        return shape(fields).equals(shape(table.fields())) && refreshKey.equals(table.refreshKey());
    }

    /** @return whether a definition keys its rows differently: other key fields, or a key field of another type */
    boolean keyDiffers(ConnectedTable table) {
        if (!refreshKey.equals(table.refreshKey())) {
            return true;
        }
        for (int i : keyIndexes()) {
            SourceField now = table.fields().stream().filter(f -> f.name().equals(fields.get(i).name()))
                    .findFirst().orElseThrow();
            if (now.type() != fields.get(i).type()) {
                return true;
            }
        }
        return false;
    }

    private static String shape(List<SourceField> fields) {
        return fields.stream().map(f -> f.name() + ":" + f.type()).collect(Collectors.joining(","));
    }

    /** @return the columns quoted, separated by commas, for the given field positions */
    String quoted(int[] positions) {
        List<String> out = new ArrayList<>();
        for (int p : positions) {
            out.add(Database.quote(columns.get(p)));
        }
        return String.join(", ", out);
    }

    /** @return every position 0..n-1 */
    int[] all() {
        int[] positions = new int[fields.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return positions;
    }
}
