package dev.connections.api;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses the text form of a {@link Filter}.
 *
 * <pre>
 * filter    := or
 * or        := and ( OR and )*
 * and       := primary ( AND primary )*
 * primary   := '(' or ')' | field operator
 * operator  := ( = | != | &lt; | &lt;= | &gt; | &gt;= | CONTAINS | STARTS WITH ) literal
 *            | IN '(' literal ( ',' literal )* ')' | IS [NOT] EMPTY
 * field     := name of letters, digits, '_', '.', '-' | `any name in backticks`
 * literal   := 'text with '' for a quote' | number | true | false
 * </pre>
 * Keywords ignore case. Numbers are bounded as {@link FilterNumbers} says.
 */
final class FilterParser {

    private final String text;
    private int pos;

    FilterParser(@Nullable String text) {
        this.text = text == null ? "" : text;
    }

    Filter parse() {
        skipSpaces();
        if (pos == text.length()) {
            return Filter.all();
        }
        Filter filter = or();
        skipSpaces();
        if (pos != text.length()) {
            throw error("expected AND, OR or the end of the filter");
        }
        return filter;
    }

    private Filter or() {
        List<Filter> parts = new ArrayList<>();
        parts.add(and());
        while (keyword("OR")) {
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.Or(parts);
    }

    private Filter and() {
        List<Filter> parts = new ArrayList<>();
        parts.add(primary());
        while (keyword("AND")) {
            parts.add(primary());
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
    }

    private Filter primary() {
        skipSpaces();
        if (symbol("(")) {
            Filter inner = or();
            if (!symbol(")")) {
                throw error("expected ')'");
            }
            return inner;
        }
        String field = field();
        if (keyword("IS")) {
            boolean not = keyword("NOT");
            if (!keyword("EMPTY")) {
                throw error("expected EMPTY after IS" + (not ? " NOT" : ""));
            }
            return new Filter.Condition(field, not ? Filter.Operator.IS_NOT_EMPTY : Filter.Operator.IS_EMPTY, List.of());
        }
        if (keyword("IN")) {
            if (!symbol("(")) {
                throw error("expected '(' after IN");
            }
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal());
            } while (symbol(","));
            if (!symbol(")")) {
                throw error("expected ',' or ')' in the IN list");
            }
            return new Filter.Condition(field, Filter.Operator.IN, values);
        }
        Filter.Operator operator = comparison();
        return new Filter.Condition(field, operator, List.of(literal()));
    }

    private Filter.Operator comparison() {
        skipSpaces();
        for (String s : new String[] {"<=", ">=", "!=", "<>", "=", "<", ">"}) {
            if (text.startsWith(s, pos)) {
                pos += s.length();
                switch (s) {
                    case "<=": return Filter.Operator.LESS_OR_EQUAL;
                    case ">=": return Filter.Operator.GREATER_OR_EQUAL;
                    case "!=":
                    case "<>": return Filter.Operator.NOT_EQUALS;
                    case "=": return Filter.Operator.EQUALS;
                    case "<": return Filter.Operator.LESS_THAN;
                    default: return Filter.Operator.GREATER_THAN;
                }
            }
        }
        if (keyword("CONTAINS")) {
            return Filter.Operator.CONTAINS;
        }
        if (keyword("STARTS")) {
            if (!keyword("WITH")) {
                throw error("expected WITH after STARTS");
            }
            return Filter.Operator.STARTS_WITH;
        }
        throw error("expected an operator (=, !=, <, <=, >, >=, CONTAINS, STARTS WITH, IN, IS EMPTY, IS NOT EMPTY)");
    }

    private String field() {
        skipSpaces();
        if (symbol("`")) {
            int end = text.indexOf('`', pos);
            if (end < 0) {
                throw error("unclosed ` in a field name");
            }
            String name = text.substring(pos, end);
            pos = end + 1;
            return name;
        }
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a field name");
        }
        return text.substring(start, pos);
    }

    private Object literal() {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '\'') {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unclosed quote in a text value");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (pos < text.length() && text.charAt(pos) == '\'') {
                        sb.append('\'');
                        pos++;
                    } else {
                        return sb.toString();
                    }
                } else {
                    sb.append(c);
                }
            }
        }
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
            return Boolean.valueOf(word.toLowerCase(Locale.ROOT));
        }
        BigDecimal number;
        try {
            number = FilterNumbers.parse(word);
        } catch (IllegalArgumentException beyondTheBounds) {
            pos = start;
            throw error(beyondTheBounds.getMessage() + ";");
        }
        if (number == null) {
            pos = start;
            throw error("expected a value: 'text', a number, true or false");
        }
        return number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                ? (Object) number.longValueExact() : number;
    }

    private boolean keyword(String word) {
        skipSpaces();
        int end = pos + word.length();
        if (text.regionMatches(true, pos, word, 0, word.length())
                && (end == text.length() || !isNameChar(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipSpaces();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ConnectionsException error(String expected) {
        String near = pos >= text.length() ? "at the end" : "at position " + (pos + 1) + " ('"
                + text.substring(pos, Math.min(text.length(), pos + 20)) + "')";
        return ConnectionsException.invalid("invalid filter \"" + text + "\": " + expected + " " + near);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+';
    }

    static String quoteField(String field) {
        boolean plain = !field.isEmpty() && field.chars().allMatch(c -> isNameChar((char) c))
                && !List.of("and", "or", "is", "in", "not").contains(field.toLowerCase(Locale.ROOT));
        return plain ? field : "`" + field + "`";
    }

    static String literal(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return Values.format(value);
        }
        String s = value instanceof TemporalAccessor ? value.toString() : String.valueOf(value);
        return "'" + s.replace("'", "''") + "'";
    }
}
