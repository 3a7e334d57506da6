package dev.connections.fakes.salesforce;

import dev.connections.fakes.salesforce.SoqlQuery.Expr;
import dev.connections.fakes.salesforce.SoqlQuery.Literal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the SOQL subset of the fake: {@code SELECT f1, f2 | COUNT() FROM object [WHERE ...] [ORDER BY f [ASC|DESC]
 * [NULLS FIRST|LAST], ...] [LIMIT n]}. Conditions: {@code = != <> < <= > >= LIKE IN NOT IN}, AND, OR, NOT and
 * parentheses; as in Salesforce, AND and OR may not be mixed on one level without parentheses. Literals: strings
 * with SOQL's backslash escapes, numbers, true, false, null, dates {@code 2024-03-01} and datetimes
 * {@code 2024-03-01T10:15:00Z}, {@code 2024-03-01T10:15:00.000+01:00}. Errors are {@link SoqlException}
 * MALFORMED_QUERY. Not thread-safe; one instance per query.
 */
final class SoqlParser {

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** Stands for {@code \%} in a string literal: a literal percent sign in a LIKE pattern. */
    static final char ESCAPED_PERCENT = '\uE000';
    /** Stands for {@code \_} in a string literal: a literal underscore in a LIKE pattern. */
    static final char ESCAPED_UNDERSCORE = '\uE001';
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    private final String text;
    private int pos;

    private SoqlParser(String text) {
        this.text = text;
    }

    static SoqlQuery parse(String soql) {
        return new SoqlParser(soql).query();
    }

    private SoqlQuery query() {
        keyword("SELECT");
        List<String> fields = new ArrayList<>();
        boolean count = false;
        if (peekKeyword("COUNT") && lookingAtAfterName('(')) {
            keyword("COUNT");
            symbol("(");
            symbol(")");
            count = true;
        } else {
            do {
                fields.add(name("a field name"));
            } while (trySymbol(","));
        }
        keyword("FROM");
        String object = name("an object name");
        Expr where = null;
        if (tryKeyword("WHERE")) {
            where = expression();
        }
        List<SoqlQuery.Order> order = new ArrayList<>();
        if (tryKeyword("ORDER")) {
            keyword("BY");
            do {
                String field = name("a field name");
                boolean descending = false;
                if (tryKeyword("DESC")) {
                    descending = true;
                } else {
                    tryKeyword("ASC");
                }
                boolean nullsLast = descending;
                if (tryKeyword("NULLS")) {
                    if (tryKeyword("LAST")) {
                        nullsLast = true;
                    } else {
                        keyword("FIRST");
                        nullsLast = false;
                    }
                }
                order.add(new SoqlQuery.Order(field, descending, nullsLast));
            } while (trySymbol(","));
        }
        Integer limit = null;
        if (tryKeyword("LIMIT")) {
            skipSpace();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw unexpected();
            }
            limit = Integer.parseInt(text.substring(start, pos));
        }
        skipSpace();
        if (pos < text.length()) {
            throw unexpected();
        }
        return new SoqlQuery(fields, count, object, where, order, limit);
    }

    /** A sequence of terms joined by one kind of connective. */
    private Expr expression() {
        List<Expr> parts = new ArrayList<>();
        parts.add(term());
        String connective = null;
        while (true) {
            String next = peekKeyword("AND") ? "AND" : peekKeyword("OR") ? "OR" : null;
            if (next == null) {
                break;
            }
            if (connective != null && !connective.equals(next)) {
                throw unexpected();
            }
            connective = next;
            keyword(next);
            parts.add(term());
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return "AND".equals(connective) ? new SoqlQuery.And(parts) : new SoqlQuery.Or(parts);
    }

    private Expr term() {
        if (tryKeyword("NOT")) {
            return new SoqlQuery.Not(term());
        }
        if (trySymbol("(")) {
            Expr inner = expression();
            symbol(")");
            return inner;
        }
        String field = name("a field name");
        if (tryKeyword("LIKE")) {
            Literal pattern = literal();
            if (pattern.kind() != Literal.Kind.STRING) {
                throw new SoqlException("MALFORMED_QUERY", "LIKE needs a string literal");
            }
            return new SoqlQuery.Like(field, (String) pattern.value());
        }
        boolean negated = tryKeyword("NOT");
        if (tryKeyword("IN")) {
            symbol("(");
            List<Literal> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (trySymbol(","));
            symbol(")");
            return new SoqlQuery.In(field, negated, values);
        }
        if (negated) {
            throw unexpected();
        }
        skipSpace();
        String op;
        if (text.startsWith("<=", pos) || text.startsWith(">=", pos) || text.startsWith("!=", pos)
                || text.startsWith("<>", pos)) {
            op = text.substring(pos, pos + 2);
            pos += 2;
        } else if (pos < text.length() && "=<>".indexOf(text.charAt(pos)) >= 0) {
            op = String.valueOf(text.charAt(pos));
            pos++;
        } else {
            throw unexpected();
        }
        return new SoqlQuery.Compare(field, op.equals("<>") ? "!=" : op, literal());
    }

    private Literal literal() {
        skipSpace();
        if (pos >= text.length()) {
            throw unexpected();
        }
        if (text.charAt(pos) == '\'') {
            return new Literal(Literal.Kind.STRING, string());
        }
        String word = wordAt();
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("NULL") || upper.equals("TRUE") || upper.equals("FALSE")) {
            pos += word.length();
            return upper.equals("NULL") ? new Literal(Literal.Kind.NULL, null)
                    : new Literal(Literal.Kind.BOOLEAN, Boolean.valueOf(upper.equals("TRUE")));
        }
        Matcher m = DATETIME.matcher(text).region(pos, text.length());
        if (m.lookingAt()) {
            pos = m.end();
            try {
                return new Literal(Literal.Kind.DATETIME, OffsetDateTime.parse(m.group()).toInstant());
            } catch (DateTimeParseException e) {
                throw new SoqlException("MALFORMED_QUERY", "invalid datetime: " + m.group());
            }
        }
        m = DATE.matcher(text).region(pos, text.length());
        if (m.lookingAt()) {
            pos = m.end();
            try {
                return new Literal(Literal.Kind.DATE, LocalDate.parse(m.group()));
            } catch (DateTimeParseException e) {
                throw new SoqlException("MALFORMED_QUERY", "invalid date: " + m.group());
            }
        }
        m = NUMBER.matcher(text).region(pos, text.length());
        if (m.lookingAt()) {
            pos = m.end();
            return new Literal(Literal.Kind.NUMBER, new BigDecimal(m.group()));
        }
        throw unexpected();
    }

    /**
     * Reads a quoted string. Escapes: \' \" \\ \n \r \t \b \f; {@code \%} and {@code \_} become
     * {@link #ESCAPED_PERCENT} and {@link #ESCAPED_UNDERSCORE} (they mean something only to LIKE).
     */
    private String string() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\'', '"', '\\' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case '%' -> out.append(ESCAPED_PERCENT);
                case '_' -> out.append(ESCAPED_UNDERSCORE);
                default -> throw new SoqlException("MALFORMED_QUERY",
                        "Invalid string literal: illegal escape sequence \\" + e);
            }
        }
        throw new SoqlException("MALFORMED_QUERY", "unterminated string literal");
    }

    private String name(String what) {
        skipSpace();
        Matcher m = NAME.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            throw new SoqlException("MALFORMED_QUERY", "expected " + what + " at position " + pos + ": "
                    + near());
        }
        pos = m.end();
        return m.group();
    }

    private void keyword(String word) {
        if (!tryKeyword(word)) {
            throw unexpected();
        }
    }

    private boolean tryKeyword(String word) {
        if (peekKeyword(word)) {
            skipSpace();
            pos += word.length();
            return true;
        }
        return false;
    }

    private boolean peekKeyword(String word) {
        skipSpace();
        return wordAt().equalsIgnoreCase(word);
    }

    private boolean lookingAtAfterName(char c) {
        int p = pos + wordAt().length();
        while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
            p++;
        }
        return p < text.length() && text.charAt(p) == c;
    }

    private String wordAt() {
        int end = pos;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(pos, end);
    }

    private void symbol(String s) {
        if (!trySymbol(s)) {
            throw unexpected();
        }
    }

    private boolean trySymbol(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SoqlException unexpected() {
        skipSpace();
        return new SoqlException("MALFORMED_QUERY", pos >= text.length() ? "unexpected end of query"
                : "unexpected token: '" + near() + "'");
    }

    private String near() {
        String w = wordAt();
        return w.isEmpty() ? text.substring(pos, Math.min(text.length(), pos + 1)) : w;
    }
}
