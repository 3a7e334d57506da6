package dev.connections.core.internal.memory;

import java.util.Arrays;

/**
 * The refresh key values of one row, usable as a hash key. DECIMAL values are equal when their values are
 * ({@code 12.5} and {@code 12.50} name the same record); everything else compares with {@code equals}. Immutable.
 */
final class Key {

    private final Object[] values;
    private final int hash;

    private Key(Object[] values) {
        this.values = values;
        int h = 1;
        for (Object value : values) {
            h = 31 * h + SameValues.hash(value);
        }
        this.hash = h;
    }

    /** @return the key of a row: the values of the key columns, in key order */
    static Key of(Object[] row, int[] keyColumns) {
        Object[] values = new Object[keyColumns.length];
        for (int i = 0; i < keyColumns.length; i++) {
            values[i] = row[keyColumns[i]];
        }
        return new Key(values);
    }

    /** @param values key values in key order; copied */
    static Key of(Object[] values) {
        return new Key(values.clone());
    }

    /** @return a copy of the values, in key order */
    Object[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && hash == k.hash && SameValues.same(values, k.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
