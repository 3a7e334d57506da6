package dev.connections.salesforce;

import dev.connections.spi.ConnectorException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SOQL text: names checked and literals escaped, so that no value a host gives can change a query's meaning.
 * Stateless and thread-safe.
 */
final class Soql {

    /** The datetime literal form, always UTC with milliseconds: {@code 2024-03-01T10:15:00.000Z}. */
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

    private Soql() {
    }

    /**
     * @return the name, when it can only be an object or field name
     * @throws ConnectorException NOT_FOUND for anything else: no such name exists in Salesforce
     */
    static String name(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "'" + name + "' cannot be the name of a "
                    + "Salesforce " + what + ": names are letters, digits and underscores.");
        }
        return name;
    }

    /** @return {@code SELECT f1, f2 FROM object [WHERE condition]} */
    static String select(List<String> fields, String object, String where) {
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < fields.size(); i++) {
            q.append(i > 0 ? ", " : "").append(name(fields.get(i), "field"));
        }
        q.append(" FROM ").append(name(object, "object"));
        if (where != null && !where.isEmpty()) {
            q.append(" WHERE ").append(where);
        }
        return q.toString();
    }

    /**
     * A string literal: {@code '} and {@code \} and the control characters SOQL knows are escaped with a backslash.
     *
     * @return the quoted literal, or null when the text holds a control character SOQL cannot escape
     */
    static String string(String text) {
        return quote(text, false);
    }

    /**
     * A LIKE pattern literal: as {@link #string}, and {@code %} and {@code _} of the text escaped too, so that they
     * match themselves; {@code prefix} and {@code suffix} are added unescaped (e.g. {@code %}).
     *
     * @return the quoted pattern, or null when the text holds a control character SOQL cannot escape
     */
    static String like(String prefix, String text, String suffix) {
        String inner = quote(text, true);
        return inner == null ? null : "'" + prefix + inner.substring(1, inner.length() - 1) + suffix + "'";
    }

    static String number(BigDecimal value) {
        return value.toPlainString();
    }

    static String date(LocalDate value) {
        return value.toString();
    }

    static String datetime(Instant value) {
        return DATETIME.format(value);
    }

    private static String quote(String text, boolean like) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '%', '_' -> out.append(like ? "\\" : "").append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        return null;
                    }
                    out.append(c);
                }
            }
        }
        return out.append('\'').toString();
    }
}
