package dev.connections.csv;

import dev.connections.api.FieldType;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * Turns the text of one column into values of one field type. Prepared once per column and read, so that reading a
 * cell is a direct parse. An empty cell is null; for types other than TEXT and JSON so is a cell of only whitespace,
 * and surrounding whitespace is ignored. Not thread-safe.
 *
 * <p>One final class that switches on the type, rather than one implementation per type: the read loop calls it for
 * every cell, and a call site that sees one class is a direct call the compiler can inline, where one that sees
 * several is a virtual call for each cell.
 */
final class Converter {

    private final FieldType type;
    private final String expected;
    /** For DATE and DATETIME, which it tells apart; else null. */
    private final DateConverter dates;
    private final DateTimeText times;

    private Converter(FieldType type, String expected, DateConverter dates) {
        this.type = type;
        this.expected = expected;
        this.dates = dates;
        this.times = type == FieldType.TIME ? new DateTimeText() : null;
    }

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
                return new Converter(type, null, null);
            case INTEGER:
                return new Converter(type, "an INTEGER (a whole number such as 42, without leading zeros)", null);
            case DECIMAL:
                return new Converter(type, "a DECIMAL (a number such as 12.50, with a point and no grouping)", null);
            case BOOLEAN:
                return new Converter(type, "a BOOLEAN (true, false, yes or no)", null);
            case DATE:
            case DATETIME:
                return new Converter(type, null, new DateConverter(type == FieldType.DATETIME, zone, order));
            case TIME:
                return new Converter(type, "a TIME (such as 14:05 or 14:05:09)", null);
            default:
                throw new IllegalArgumentException("no converter for " + type);
        }
    }

    /**
     * @param raw         the cell text; never null
     * @param nulPossible false when the file's text read so far holds no NUL character ({@link CsvText#nulSeen()}),
     *                    so that a text value cannot hold one and is not searched for it
     * @return the value, of the field type's Java class, or null for an empty cell
     * @throws IllegalArgumentException whose message says what the value should be, e.g. "an INTEGER (…)"
     */
    Object convert(String raw, boolean nulPossible) {
        if (type == FieldType.TEXT || type == FieldType.JSON) {
            if (nulPossible && raw.indexOf('\0') >= 0) {
                // no database column takes one, and a file holding them is rarely text
                throw new IllegalArgumentException("text: it holds a NUL character, which usually means the "
                        + "file is binary or in another encoding (UTF-16 without a byte order mark, say): "
                        + "set the connection's encoding, or remove the NUL characters");
            }
            return raw.isEmpty() ? null : raw;
        }
        if (raw.isEmpty()) {
            return null;
        }
        String v = raw.strip();
        if (v.isEmpty()) {
            return null;
        }
        Object value;
        switch (type) {
            case INTEGER:
                value = Cells.integer(v);
                break;
            case DECIMAL:
                value = Cells.decimal(v);
                break;
            case BOOLEAN:
                value = Cells.bool(v);
                break;
            case DATE:
            case DATETIME:
                return dates.convert(v);
            default:
                value = times.parseTime(v) ? times.time() : null;
                break;
        }
        if (value == null) {
            throw new IllegalArgumentException(expected);
        }
        return value;
    }
}
