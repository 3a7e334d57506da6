package dev.connections.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One source record, aligned with the fields of a {@link ReadRequest}: {@code values()[i]} is the value of
 * {@code request.fields().get(i)}, of that field type's Java class, or null.
 *
 * <p>The values array is handed over, not copied: whoever builds a row must not change the array afterwards.
 *
 * @param values the values in field order
 * @param line   where the record starts in its source (a file line), for messages; 0 when the source has no lines
 */
public record Row(Object[] values, long line) {

    public Row {
        Objects.requireNonNull(values, "values");
    }

    public static Row of(Object... values) {
        return new Row(values, 0);
    }

    public Object get(int index) {
        return values[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && line == r.line && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Long.hashCode(line);
    }

    @Override
    public String toString() {
        return Arrays.toString(values) + (line > 0 ? " (line " + line + ")" : "");
    }
}
