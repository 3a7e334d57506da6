package dev.connections.spi;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One source record, aligned with the fields of a {@link ReadRequest}: {@code values()[i]} is the value of
 * {@code request.fields().get(i)}, of that field type's Java class, or null.
 *
 * <p>The values array is handed over, not copied: whoever builds a row must not change the array afterwards.
 *
 * @param values the values in field order, each of its field type's Java class or null
 * @param line   where the record starts in its source (a file line), for messages; 0 when the source has no lines
 */
public record Row(@Nullable Object[] values, long line) {

    /**
     * @param values the values in field order, handed over, not copied
     * @param line   where the record starts in its source; 0 when the source has no lines
     */
    public Row {
        Objects.requireNonNull(values, "values");
    }

    /**
     * @param values the values in field order, handed over, not copied
     * @return a row of a source without lines
     */
    public static Row of(@Nullable Object... values) {
        return new Row(values, 0);
    }

    /**
     * @param index a field's position in the request
     * @return its value; null when the record has none
     */
    public @Nullable Object get(int index) {
        return values[index];
    }

    /** @return whether {@code o} is a row with the same line and equal values (compared element by element) */
    @Override
    public boolean equals(@Nullable Object o) {
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
