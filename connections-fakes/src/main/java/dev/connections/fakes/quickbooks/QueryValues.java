package dev.connections.fakes.quickbooks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the fake compares a record's property with a query literal: a reference ({@code {"value", "name"}}) by its
 * value; numbers as numbers; date-times (with their offsets) as instants; dates as dates; text ignoring case. A
 * property the record does not have matches no condition.
 */
final class QueryValues {

    private QueryValues() {
    }

    /** @return the value at a dotted path such as {@code MetaData.LastUpdatedTime}; null when absent */
    @SuppressWarnings("unchecked")
    static Object property(Map<String, Object> record, String path) {
        Object current = record;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }

    static boolean test(Object value, String operator, List<Object> literals) {
        Object v = scalar(value);
        if (v == null) {
            return false;
        }
        switch (operator) {
            case "IN":
                return literals.stream().anyMatch(l -> compare(v, l) == 0);
            case "LIKE":
                return like(v.toString(), (String) literals.get(0));
            default:
                int c = compare(v, literals.get(0));
                if (c == Integer.MIN_VALUE) {
                    return false;
                }
                return switch (operator) {
                    case "=" -> c == 0;
                    case "<" -> c < 0;
                    case ">" -> c > 0;
                    case "<=" -> c <= 0;
                    case ">=" -> c >= 0;
                    default -> throw new IllegalArgumentException(operator);
                };
        }
    }

    /** Orders values for ORDERBY: absent values first. */
    static int compareForOrder(Object a, Object b) {
        Object x = scalar(a);
        Object y = scalar(b);
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        int c = compare(x, y);
        return c == Integer.MIN_VALUE ? x.toString().compareTo(y.toString()) : c;
    }

    /** Ids are numbers in text: "9" before "10". */
    static int compareIds(Object a, Object b) {
        String x = String.valueOf(a);
        String y = String.valueOf(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    /** @return the comparison, or Integer.MIN_VALUE when the two cannot be compared */
    static int compare(Object value, Object literal) {
        if (literal instanceof Boolean b) {
            return value instanceof Boolean || value instanceof String
                    ? (Boolean.parseBoolean(value.toString()) == b ? 0 : 1) : Integer.MIN_VALUE;
        }
        BigDecimal[] n = numbers(value, literal);
        if (n != null) {
            return n[0].compareTo(n[1]);
        }
        String s = value.toString();
        String t = literal.toString();
        OffsetDateTime dx = dateTime(s);
        OffsetDateTime dy = dateTime(t);
        if (dx != null && dy != null) {
            return dx.toInstant().compareTo(dy.toInstant());
        }
        LocalDate lx = date(s);
        LocalDate ly = date(t);
        if (lx != null && ly != null) {
            return lx.compareTo(ly);
        }
        return s.compareToIgnoreCase(t);
    }

    private static Object scalar(Object value) {
        if (value instanceof Map<?, ?> ref) {
            return ref.get("value");
        }
        return value instanceof List<?> ? null : value;
    }

    private static boolean like(String value, String pattern) {
        String[] parts = pattern.split("%", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    /** @return both as numbers when one is a number and the other one or a numeric text; else null */
    private static BigDecimal[] numbers(Object a, Object b) {
        if (!(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
            return null;
        }
        try {
            return new BigDecimal[] {new BigDecimal(a.toString()), new BigDecimal(b.toString())};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OffsetDateTime dateTime(String s) {
        if (s.length() < 20 || s.charAt(10) != 'T') {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        if (s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
