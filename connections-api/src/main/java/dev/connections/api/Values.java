package dev.connections.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between text and the typed values of {@link FieldType}: the canonical forms the SDK reads in filter
 * expressions and writes in messages. Stateless and thread-safe.
 */
public final class Values {

    private Values() {
    }

    /**
     * Converts a value given by a host (a filter operand) to the value class of a field type.
     *
     * @param value a String, Number, Boolean or java.time value; never null
     * @param type  the field's type
     * @return a value of {@code type.javaType()}
     * @throws IllegalArgumentException naming the value and the type when it does not fit, or naming the bounds
     *                                  when it is a number beyond those of a filter (see {@link #parse})
     */
    public static Object coerce(Object value, FieldType type) {
        if (value instanceof Number n && (type == FieldType.INTEGER || type == FieldType.DECIMAL)) {
            if (type.javaType().isInstance(value) && !(value instanceof BigDecimal)) {
                return value;
            }
            BigDecimal decimal = FilterNumbers.decimal(n);
            return type == FieldType.DECIMAL ? decimal : exactLong(decimal, value);
        }
        if (type.javaType().isInstance(value)) {
            return value;
        }
        if (value instanceof LocalDateTime local && type == FieldType.DATETIME) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return parse(value.toString(), type);
    }

    /**
     * Parses the canonical text form of a value: ISO-8601 for dates and times, {@code true}/{@code false} for
     * booleans, plain numbers without grouping. A DECIMAL has at most 40 significant digits and at most 100 digits
     * when written out in full (so from 1E-99 to 1E+99 in size), so that writing it out never takes more.
     *
     * @param text the text; never null
     * @param type the field type it is a value of
     * @return a value of {@code type.javaType()}; TEXT and JSON return the text as given, untrimmed
     * @throws IllegalArgumentException naming the text and the type when it does not parse
     */
    public static Object parse(String text, FieldType type) {
        String t = text.trim();
        try {
            switch (type) {
                case TEXT:
                case JSON:
                    return text;
                case INTEGER:
                    return Long.parseLong(t);
                case DECIMAL:
                    BigDecimal decimal = FilterNumbers.parse(t);
                    if (decimal == null) {
                        throw new NumberFormatException(t);
                    }
                    return decimal;
                case BOOLEAN:
                    String lower = t.toLowerCase(Locale.ROOT);
                    if (lower.equals("true")) {
                        return Boolean.TRUE;
                    }
                    if (lower.equals("false")) {
                        return Boolean.FALSE;
                    }
                    throw new IllegalArgumentException("'" + text + "' is not a BOOLEAN: use true or false");
                case DATE:
                    return LocalDate.parse(t);
                case DATETIME:
                    return parseInstant(t);
                case TIME:
                    return LocalTime.parse(t);
                default:
                    throw new AssertionError(type);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            if (type == FieldType.INTEGER && t.matches("[+-]?\\d+")) {
                throw new IllegalArgumentException("'" + text + "' is too large for an INTEGER (at most "
                        + Long.MAX_VALUE + " in size); make the field DECIMAL or TEXT", e);
            }
            throw new IllegalArgumentException("'" + text + "' is not " + describe(type), e);
        }
    }

    /**
     * @param value a value of a {@link FieldType}'s Java class, or null
     * @return the canonical text of the value (a DECIMAL written out in full), or {@code "null"}
     */
    public static String format(@Nullable Object value) {
        return String.valueOf(value instanceof BigDecimal d ? d.toPlainString() : value);
    }

    private static Instant parseInstant(String t) {
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
        }
    }

    private static Long exactLong(BigDecimal decimal, Object original) {
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + original + "' is not " + describe(FieldType.INTEGER), e);
        }
    }

    private static String describe(FieldType type) {
        switch (type) {
            case INTEGER: return "an INTEGER (a whole number such as 42)";
            case DECIMAL: return "a DECIMAL (a number such as 12.50)";
            case DATE: return "a DATE (ISO form, such as 2024-03-31)";
            case DATETIME: return "a DATETIME (ISO form, such as 2024-03-31T14:05:00Z)";
            case TIME: return "a TIME (ISO form, such as 14:05)";
            default: return "a " + type;
        }
    }
}
