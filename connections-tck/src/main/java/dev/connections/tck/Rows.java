package dev.connections.tck;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares typed values the way a storage may legitimately return them: DECIMAL by value (a database may return
 * another scale: {@code 12.5} for {@code 12.50}), DATETIME and TIME to the microsecond; everything else with
 * {@code equals}. Stateless and thread-safe; every method accepts null values.
 */
public final class Rows {

    private Rows() {
    }

    /**
     * @param value a typed value or null
     * @return a value that {@code equals} every value this class considers the same: decimals without trailing
     *         zeros, instants and times truncated to the microsecond; null for null
     */
    public static Object normalized(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (value instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.MICROS);
        }
        if (value instanceof LocalTime t) {
            return t.truncatedTo(ChronoUnit.MICROS);
        }
        return value;
    }

    /**
     * @param row values in column order; never null
     * @return the normalized values, as a list that may hold nulls and compares with {@code equals}
     */
    public static List<Object> normalized(Object[] row) {
        List<Object> values = new ArrayList<>(row.length);
        for (Object value : row) {
            values.add(normalized(value));
        }
        return values;
    }

    /** @return whether two typed values are the same (see the class comment) */
    public static boolean same(Object a, Object b) {
        return a == null ? b == null : b != null && normalized(a).equals(normalized(b));
    }

    /** @return whether two rows have the same length and the same values column by column */
    public static boolean sameRow(Object[] a, Object[] b) {
        return normalized(a).equals(normalized(b));
    }
}
