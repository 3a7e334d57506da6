package dev.connections.spi.storage;

import dev.connections.api.SourceField;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How rows stored under one list of fields line up with another: for a storage whose layout and the table's stored
 * definition differ after a change of the definition stopped half-way (see
 * {@link TableData#rows(dev.connections.api.ConnectedTable)}).
 * A field lines up when the stored fields have one of the same name and type; others read as null.
 */
public final class FieldAlignment {

    private final int @Nullable [] from;
    private final int width;

    private FieldAlignment(int @Nullable [] from, int width) {
        this.from = from;
        this.width = width;
    }

    /**
     * @param stored the fields the rows are stored with, in their order
     * @param wanted the fields the rows are asked for, in their order
     * @return the alignment of rows stored under {@code stored} to {@code wanted}
     */
    public static FieldAlignment of(List<SourceField> stored, List<SourceField> wanted) {
        if (stored.equals(wanted)) {
            return new FieldAlignment(null, wanted.size());
        }
        int[] from = new int[wanted.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = -1;
            for (int j = 0; j < stored.size() && from[i] < 0; j++) {
                if (stored.get(j).name().equals(wanted.get(i).name()) && stored.get(j).type() == wanted.get(i).type()) {
                    from[i] = j;
                }
            }
        }
        return new FieldAlignment(from, wanted.size());
    }

    /**
     * @param row a row aligned with the stored fields
     * @return the row aligned with the wanted fields: {@code row} itself when the two lists are equal
     */
    public @Nullable Object[] align(@Nullable Object[] row) {
        if (from == null) {
            return row;
        }
        @Nullable Object[] aligned = new Object[width];
        for (int i = 0; i < width; i++) {
            aligned[i] = from[i] < 0 ? null : row[from[i]];
        }
        return aligned;
    }
}
