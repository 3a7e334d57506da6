package dev.connections.fakes.quickbooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The subset of the QuickBooks query language the fake understands:
 * {@code SELECT * | COUNT(*) FROM Entity [WHERE c AND c ...] [ORDERBY p [ASC|DESC], ...] [STARTPOSITION n]
 * [MAXRESULTS m]}, where a condition is {@code property (= | < | > | <= | >= ) literal}, {@code property IN (literal,
 * ...)} or {@code property LIKE 'text%'}. Literals are quoted strings (a quote inside escaped as {@code \'}), numbers
 * and {@code true}/{@code false}. There is no OR, as in QuickBooks. Keywords ignore case; entity names do not.
 */
final class Query {

    static final int DEFAULT_MAX_RESULTS = 100;
    static final int MAX_RESULTS_LIMIT = 1000;

    record Condition(String property, String operator, List<Object> literals) {
    }

    record Order(String property, boolean descending) {
    }

    final boolean count;
    final String entity;
    final List<Condition> where;
    final List<Order> orderBy;
    final int startPosition;
    final int maxResults;

    private Query(boolean count, String entity, List<Condition> where, List<Order> orderBy, int startPosition,
                  int maxResults) {
        this.count = count;
        this.entity = entity;
        this.where = where;
        this.orderBy = orderBy;
        this.startPosition = startPosition;
        this.maxResults = maxResults;
    }

    /** Thrown for text the fake cannot parse, as QuickBooks answers "Error parsing query". */
    static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message);
        }
    }

    static Query parse(String text) {
        return new Parser(text).query();
    }

    boolean matches(Map<String, Object> record) {
        for (Condition c : where) {
            if (!QueryValues.test(QueryValues.property(record, c.property()), c.operator(), c.literals())) {
                return false;
            }
        }
        return true;
    }

    Comparator<Map<String, Object>> comparator() {
        Comparator<Map<String, Object>> byId = (a, b) -> QueryValues.compareIds(a.get("Id"), b.get("Id"));
        Comparator<Map<String, Object>> result = null;
        for (Order o : orderBy) {
            Comparator<Map<String, Object>> one = o.property().equals("Id") ? byId
                    : (a, b) -> QueryValues.compareForOrder(QueryValues.property(a, o.property()),
                            QueryValues.property(b, o.property()));
            one = o.descending() ? one.reversed() : one;
            result = result == null ? one : result.thenComparing(one);
        }
        return result == null ? byId : result.thenComparing(byId);
    }

    private static final class Parser {
        private final List<String> tokens;
        private int at;

        Parser(String text) {
            this.tokens = tokenize(text);
        }

        Query query() {
            expectWord("SELECT");
            boolean count;
            if (peekIs("*")) {
                at++;
                count = false;
            } else if (peekWord("COUNT")) {
                at++;
                expect("(");
                expect("*");
                expect(")");
                count = true;
            } else {
                throw error("expected * or COUNT(*) after SELECT");
            }
            expectWord("FROM");
            String entity = word("an entity name");
            List<Condition> where = new ArrayList<>();
            if (peekWord("WHERE")) {
                at++;
                where.add(condition());
                while (peekWord("AND")) {
                    at++;
                    where.add(condition());
                }
                if (peekWord("OR")) {
                    throw error("OR is not supported");
                }
            }
            List<Order> orderBy = new ArrayList<>();
            if (peekWord("ORDERBY")) {
                at++;
                orderBy.add(order());
                while (peekIs(",")) {
                    at++;
                    orderBy.add(order());
                }
            }
            int start = 1;
            int max = DEFAULT_MAX_RESULTS;
            if (peekWord("STARTPOSITION")) {
                at++;
                start = integer();
            }
            if (peekWord("MAXRESULTS")) {
                at++;
                max = integer();
            }
            if (at < tokens.size()) {
                throw error("unexpected '" + tokens.get(at) + "'");
            }
            if (max > MAX_RESULTS_LIMIT) {
                throw new ParseError("QueryValidationError: value " + max + " is too large. Max allowed value is "
                        + MAX_RESULTS_LIMIT);
            }
            if (start < 1 || max < 1) {
                throw new ParseError("QueryValidationError: STARTPOSITION and MAXRESULTS must be positive");
            }
            return new Query(count, entity, List.copyOf(where), List.copyOf(orderBy), start, max);
        }

        private Order order() {
            String property = word("a property to order by");
            boolean desc = false;
            if (peekWord("DESC") || peekWord("ASC")) {
                desc = tokens.get(at++).equalsIgnoreCase("DESC");
            }
            return new Order(property, desc);
        }

        private Condition condition() {
            String property = word("a property");
            if (peekWord("IN")) {
                at++;
                expect("(");
                List<Object> values = new ArrayList<>();
                values.add(literal());
                while (peekIs(",")) {
                    at++;
                    values.add(literal());
                }
                expect(")");
                return new Condition(property, "IN", values);
            }
            if (peekWord("LIKE")) {
                at++;
                Object pattern = literal();
                if (!(pattern instanceof String)) {
                    throw error("LIKE takes a quoted text");
                }
                return new Condition(property, "LIKE", List.of(pattern));
            }
            String op = at < tokens.size() ? tokens.get(at) : "";
            if (!List.of("=", "<", ">", "<=", ">=").contains(op)) {
                throw error("expected an operator after " + property);
            }
            at++;
            return new Condition(property, op, List.of(literal()));
        }

        private Object literal() {
            if (at >= tokens.size()) {
                throw error("expected a value");
            }
            String t = tokens.get(at++);
            if (t.startsWith("'")) {
                return t.substring(1);
            }
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return Boolean.valueOf(t.toLowerCase(Locale.ROOT));
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                at--;
                throw error("expected a value");
            }
        }

        private int integer() {
            Object value = literal();
            if (value instanceof BigDecimal d) {
                try {
                    return d.intValueExact();
                } catch (ArithmeticException e) {
                    throw error("expected a whole number");
                }
            }
            throw error("expected a whole number");
        }

        private String word(String what) {
            if (at >= tokens.size() || !Character.isLetter(tokens.get(at).charAt(0))) {
                throw error("expected " + what);
            }
            return tokens.get(at++);
        }

        private void expectWord(String keyword) {
            if (!peekWord(keyword)) {
                throw error("expected " + keyword);
            }
            at++;
        }

        private void expect(String symbol) {
            if (!peekIs(symbol)) {
                throw error("expected " + symbol);
            }
            at++;
        }

        private boolean peekWord(String keyword) {
            return at < tokens.size() && tokens.get(at).equalsIgnoreCase(keyword);
        }

        private boolean peekIs(String symbol) {
            return at < tokens.size() && tokens.get(at).equals(symbol);
        }

        private ParseError error(String what) {
            String near = at < tokens.size() ? " near '" + tokens.get(at) + "'" : " at the end";
            return new ParseError("QueryParserError: " + what + near);
        }

        /** Words, numbers and symbols as they are; a quoted string as ' followed by its unescaped content. */
        private static List<String> tokenize(String text) {
            List<String> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'') {
                    StringBuilder s = new StringBuilder("'");
                    i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw new ParseError("QueryParserError: unclosed quote");
                        }
                        char d = text.charAt(i++);
                        if (d == '\\' && i < text.length()) {
                            s.append(text.charAt(i++));
                        } else if (d == '\'') {
                            break;
                        } else {
                            s.append(d);
                        }
                    }
                    tokens.add(s.toString());
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i))
                            || text.charAt(i) == '_' || text.charAt(i) == '.')) {
                        i++;
                    }
                    tokens.add(text.substring(start, i));
                } else if (Character.isDigit(c) || c == '-' && i + 1 < text.length()
                        && Character.isDigit(text.charAt(i + 1))) {
                    int start = i++;
                    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                    tokens.add(text.substring(start, i));
                } else if ((c == '<' || c == '>') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                    tokens.add(text.substring(i, i + 2));
                    i += 2;
                } else if ("*(),=<>".indexOf(c) >= 0) {
                    tokens.add(String.valueOf(c));
                    i++;
                } else {
                    throw new ParseError("QueryParserError: unexpected character '" + c + "'");
                }
            }
            return tokens;
        }
    }
}
