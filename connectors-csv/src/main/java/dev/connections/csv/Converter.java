package dev.connections.csv;

import dev.connections.api.FieldType;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns the text of one column into values of one field type. Prepared once per column and read, so that reading a
 * cell is a direct parse. An empty cell is null; for types other than TEXT and JSON so is a cell of only whitespace,
 * and surrounding whitespace is ignored. Not thread-safe.
 */
@FunctionalInterface
interface Converter {

    /**
     * @param raw the cell text; never null
     * @return the value, of the field type's Java class, or null for an empty cell
     * @throws IllegalArgumentException whose message says what the value should be, e.g. "an INTEGER (…)"
     */
    Object convert(String raw);

    /**
     * @param type  the type the values must have
     * @param zone  the zone of date-times written without an offset
     * @param order the order of dates that are not ISO in this column, asked only when such a date turns up; it
     *              returns null when the column has no such order
     */
    static Converter of(FieldType type, ZoneId zone, Supplier<DateOrder> order) {
        switch (type) {
            case TEXT:
            case JSON:
                return raw -> {
                    if (raw.indexOf('\0') >= 0) {
                        // no database column takes one, and a file holding them is rarely text
                        throw new IllegalArgumentException("text: it holds a NUL character, which usually means the "
                                + "file is binary or in another encoding (UTF-16 without a byte order mark, say): "
                                + "set the connection's encoding, or remove the NUL characters");
                    }
                    return raw.isEmpty() ? null : raw;
                };
            case INTEGER:
                return parsed(Cells::integer, "an INTEGER (a whole number such as 42, without leading zeros)");
            case DECIMAL:
                return parsed(Cells::decimal, "a DECIMAL (a number such as 12.50, with a point and no grouping)");
            case BOOLEAN:
                return parsed(Cells::bool, "a BOOLEAN (true, false, yes or no)");
            case DATE:
            case DATETIME:
                return new DateConverter(type == FieldType.DATETIME, zone, order);
            case TIME:
                DateTimeText times = new DateTimeText();
                return parsed(v -> times.parseTime(v) ? times.time() : null, "a TIME (such as 14:05 or 14:05:09)");
            default:
                throw new IllegalArgumentException("no converter for " + type);
        }
    }

    private static Converter parsed(Function<String, Object> parse, String expected) {
        return raw -> {
            if (raw.isEmpty()) {
                return null;
            }
            String v = raw.strip();
            if (v.isEmpty()) {
                return null;
            }
            Object value = parse.apply(v);
            if (value == null) {
                throw new IllegalArgumentException(expected);
            }
            return value;
        };
    }
}
