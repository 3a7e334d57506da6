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
 * @param hashEpoch  0 when the table has no column {@link #HASH_COLUMN} (the {@link RowHash} of each row's
 *                   values); else the layout its hashes belong to, one more at each change of the fields
 */
record DataTable(TableId id, String sqlName, List<SourceField> fields, List<String> columns,
                 List<String> refreshKey, long hashEpoch) {

    /** The column of each row's {@link RowHash}; no field's column has this name ({@link SqlNames#column}). */
    static final String HASH_COLUMN = "cx_row_hash";

    DataTable {
        fields = List.copyOf(fields);
        columns = List.copyOf(columns);
        refreshKey = List.copyOf(refreshKey);
    }

    /**
     * A table for a definition: columns keep the names they had in {@code previous} (a map from field name to
     * column), new fields get new unique names.
     *
     * @param hashEpoch the layout of its hashes (0 for none), kept 0 when a kept column has the hash column's name
     */
    static DataTable of(ConnectedTable table, String sqlName, Map<String, String> previous, long hashEpoch) {
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
        DataTable laidOut = new DataTable(table.id(), sqlName, table.fields(), columns, table.refreshKey(), 0);
        return laidOut.mayHash() ? laidOut.withHashEpoch(hashEpoch) : laidOut;
    }

    /** @return whether the table has the hash column */
    boolean hashed() {
        return hashEpoch > 0;
    }

    DataTable withHashEpoch(long epoch) {
        return new DataTable(id, sqlName, fields, columns, refreshKey, epoch);
    }

    /**
     * @return whether the hash column can be added: not when a field's column already has its name (a table
     *         created before the name was kept from fields)
     */
    boolean mayHash() {
        return columns.stream().noneMatch(HASH_COLUMN::equalsIgnoreCase);
    }

    /**
     * @return the seed of the rows' hashes: the layout (fields' names and types in order, refresh key) and its
     *         epoch, so that rows hashed under another layout, or under this one before a change and back, match no
     *         record of this one
     */
    long hashSeed() {
        return RowHash.seed(hashEpoch + "|" + shape(fields) + "|" + String.join(",", refreshKey));
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

    /** @return the columns of every field quoted, and the hash column where the table has one */
    String quotedWithHash() {
        return quoted(all()) + (hashed() ? ", " + Database.quote(HASH_COLUMN) : "");
    }

    /**
     * @return the hash epoch after a change of this table's layout: one more, so that no stored hash matches a record
     *         of the new layout; still none for a table without the hash column
     */
    long nextHashEpoch() {
        return hashed() ? hashEpoch + 1 : 0;
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
