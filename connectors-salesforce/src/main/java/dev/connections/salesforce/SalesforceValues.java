package dev.connections.salesforce;

import dev.connections.api.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Salesforce's values as the SDK's typed values. A value arrives as Salesforce wrote it: a String (text, the literal
 * of a number, a date or datetime), a Boolean, a {@link RawJson} (a compound value) or null. Stateless and
 * thread-safe.
 */
final class SalesforceValues {

    /** The JSON text of an object or array value, as Salesforce sent it. */
    record RawJson(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private SalesforceValues() {
    }

    /**
     * @param raw    the value as read; null for null
     * @param type   the type the table reads the field as
     * @return a value of {@code type.javaType()}, or null
     * @throws IllegalArgumentException when the value does not fit the type; the message names the value
     */
    static Object convert(Object raw, FieldType type) {
        if (raw == null) {
            return null;
        }
        try {
            switch (type) {
                case TEXT:
                    return raw.toString();
                case JSON:
                    return raw instanceof String s ? quote(s) : raw.toString();
                case BOOLEAN:
                    if (raw instanceof Boolean) {
                        return raw;
                    }
                    String b = raw.toString().toLowerCase(Locale.ROOT);
                    if (b.equals("true") || b.equals("false")) {
                        return Boolean.valueOf(b);
                    }
                    break;
                case INTEGER:
                    if (raw instanceof String s) {
                        return integer(s);
                    }
                    break;
                case DECIMAL:
                    if (raw instanceof String s) {
                        return new BigDecimal(s);
                    }
                    break;
                case DATE:
                    if (raw instanceof String s) {
                        return date(s);
                    }
                    break;
                case DATETIME:
                    if (raw instanceof String s) {
                        return dateTime(s);
                    }
                    break;
                case TIME:
                    if (raw instanceof String s) {
                        return LocalTime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s);
                    }
                    break;
                default:
                    throw new AssertionError(type);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a " + type, e);
        }
        throw new IllegalArgumentException("'" + raw + "' is not a " + type);
    }

    /**
     * Parses Salesforce's datetimes: {@code 2024-03-01T10:15:00.000+0000} (REST), {@code 2024-03-01T10:15:00.000Z}
     * (Bulk CSV) and other ISO forms with an offset.
     */
    static Instant dateTime(String s) {
        int n = s.length();
        if ((n == 28 && s.endsWith("+0000") || n == 24 && s.charAt(23) == 'Z') && s.charAt(10) == 'T'
                && s.charAt(19) == '.') {
            return LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13),
                    digits(s, 14, 16), digits(s, 17, 19), digits(s, 20, 23) * 1_000_000).toInstant(ZoneOffset.UTC);
        }
        if (n >= 5 && (s.charAt(n - 5) == '+' || s.charAt(n - 5) == '-') && Character.isDigit(s.charAt(n - 1))
                && s.charAt(n - 3) != ':') {
            s = s.substring(0, n - 2) + ":" + s.substring(n - 2);
        }
        return OffsetDateTime.parse(s).toInstant();
    }

    /** Parses {@code 2024-03-01}, the only form Salesforce writes dates in. */
    static LocalDate date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
        }
        return LocalDate.parse(s);
    }

    /** @return a Bulk CSV datetime ({@code ...Z}) in the REST form ({@code ...+0000}), so both paths agree */
    static String restDateTimeText(String s) {
        return s.length() == 24 && s.endsWith("Z") ? s.substring(0, 23) + "+0000" : s;
    }

    private static Long integer(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notPlain) {
            return new BigDecimal(s).longValueExact();
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a datetime: " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
