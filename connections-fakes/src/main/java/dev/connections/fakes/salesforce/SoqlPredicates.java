package dev.connections.fakes.salesforce;

import dev.connections.fakes.salesforce.SoqlQuery.Expr;
import dev.connections.fakes.salesforce.SoqlQuery.Literal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns a WHERE clause into a predicate over fake records, checking it the way Salesforce does: fields must exist and
 * be filterable, literals must have the field's type (strings quoted, numbers not). Text compares ignoring case. A
 * condition on a null value is false, except {@code != value} and {@code = null}.
 */
final class SoqlPredicates {

    private SoqlPredicates() {
    }

    /**
     * @param fields resolves a field name as written to its definition, or throws INVALID_FIELD
     * @return a predicate over records keyed by the fields' canonical names
     */
    static Predicate<Map<String, Object>> compile(Expr expr, Function<String, FakeField> fields) {
        if (expr == null) {
            return r -> true;
        }
        if (expr instanceof SoqlQuery.And and) {
            List<Predicate<Map<String, Object>>> parts = compileAll(and.parts(), fields);
            return r -> parts.stream().allMatch(p -> p.test(r));
        }
        if (expr instanceof SoqlQuery.Or or) {
            List<Predicate<Map<String, Object>>> parts = compileAll(or.parts(), fields);
            return r -> parts.stream().anyMatch(p -> p.test(r));
        }
        if (expr instanceof SoqlQuery.Not not) {
            return compile(not.part(), fields).negate();
        }
        if (expr instanceof SoqlQuery.Like like) {
            FakeField f = filterable(fields, like.field());
            if (!SfValues.TEXT_TYPES.contains(f.type())) {
                throw new SoqlException("INVALID_FIELD", "invalid operator on field '" + f.name()
                        + "': LIKE works on text fields only");
            }
            Pattern regex = likePattern(like.pattern());
            return r -> r.get(f.name()) instanceof String s && regex.matcher(s).matches();
        }
        if (expr instanceof SoqlQuery.In in) {
            FakeField f = filterable(fields, in.field());
            List<Object> values = new ArrayList<>();
            for (Literal l : in.values()) {
                values.add(checked(f, l));
            }
            Predicate<Map<String, Object>> member = r -> values.stream().anyMatch(v -> equal(r.get(f.name()), v));
            return in.negated() ? member.negate() : member;
        }
        SoqlQuery.Compare c = (SoqlQuery.Compare) expr;
        FakeField f = filterable(fields, c.field());
        Object operand = checked(f, c.value());
        String name = f.name();
        switch (c.op()) {
            case "=":
                return r -> equal(r.get(name), operand);
            case "!=":
                return r -> !equal(r.get(name), operand);
            default:
                if (operand == null || f.type().equals("boolean")) {
                    throw new SoqlException("INVALID_FIELD", "invalid operator on field '" + name + "': "
                            + c.op() + " needs an ordered value");
                }
                String op = c.op();
                return r -> {
                    Object v = r.get(name);
                    if (v == null) {
                        return false;
                    }
                    int cmp = compare(v, operand);
                    return switch (op) {
                        case "<" -> cmp < 0;
                        case "<=" -> cmp <= 0;
                        case ">" -> cmp > 0;
                        default -> cmp >= 0;
                    };
                };
        }
    }

    /**
     * @return the lower bound a top-level condition {@code SystemModstamp > x} or {@code >= x} puts on the records
     *         the query can match, or null when it puts none
     */
    static Instant modstampFloor(Expr expr) {
        List<Expr> conjuncts = expr instanceof SoqlQuery.And and ? and.parts() : expr == null ? List.of()
                : List.of(expr);
        Instant floor = null;
        for (Expr e : conjuncts) {
            if (e instanceof SoqlQuery.Compare c && c.field().equalsIgnoreCase("SystemModstamp")
                    && (c.op().equals(">") || c.op().equals(">=")) && c.value().value() instanceof Instant i) {
                Instant bound = c.op().equals(">") ? i.plusNanos(1) : i;
                floor = floor == null || bound.isAfter(floor) ? bound : floor;
            }
        }
        return floor;
    }

    private static List<Predicate<Map<String, Object>>> compileAll(List<Expr> parts,
                                                                   Function<String, FakeField> fields) {
        List<Predicate<Map<String, Object>>> compiled = new ArrayList<>();
        parts.forEach(p -> compiled.add(compile(p, fields)));
        return compiled;
    }

    private static FakeField filterable(Function<String, FakeField> fields, String name) {
        FakeField f = fields.apply(name);
        if (!f.filterable()) {
            throw new SoqlException("INVALID_FIELD", "field '" + f.name() + "' can not be filtered in a query call");
        }
        return f;
    }

    /** @return the literal's value for comparisons with the field's values; throws when its kind does not fit */
    private static Object checked(FakeField f, Literal l) {
        String type = f.type();
        Literal.Kind kind = l.kind();
        if (kind == Literal.Kind.NULL) {
            return null;
        }
        boolean fits;
        if (SfValues.TEXT_TYPES.contains(type)) {
            fits = kind == Literal.Kind.STRING;
        } else if (SfValues.INTEGER_TYPES.contains(type) || SfValues.DECIMAL_TYPES.contains(type)) {
            fits = kind == Literal.Kind.NUMBER;
        } else {
            fits = switch (type) {
                case "boolean" -> kind == Literal.Kind.BOOLEAN;
                case "date" -> kind == Literal.Kind.DATE;
                case "datetime" -> kind == Literal.Kind.DATETIME;
                default -> false;
            };
        }
        if (!fits) {
            boolean quoted = SfValues.TEXT_TYPES.contains(type);
            throw new SoqlException("INVALID_FIELD", "value of filter criterion for field '" + f.name()
                    + "' must be of type " + (quoted ? "string" : type) + " and should "
                    + (quoted ? "" : "not ") + "be enclosed in quotes");
        }
        return kind == Literal.Kind.STRING ? unescapeLikeMarks((String) l.value()) : l.value();
    }

    private static String unescapeLikeMarks(String s) {
        return s.replace(SoqlParser.ESCAPED_PERCENT, '%').replace(SoqlParser.ESCAPED_UNDERSCORE, '_');
    }

    private static boolean equal(Object value, Object operand) {
        if (value == null || operand == null) {
            return value == operand;
        }
        return compare(value, operand) == 0;
    }

    private static int compare(Object value, Object operand) {
        if (value instanceof String s) {
            return s.compareToIgnoreCase(operand.toString());
        }
        if (value instanceof Long l) {
            return new BigDecimal(l).compareTo((BigDecimal) operand);
        }
        if (value instanceof BigDecimal d) {
            return d.compareTo((BigDecimal) operand);
        }
        if (value instanceof Boolean b) {
            return b.equals(operand) ? 0 : 1;
        }
        @SuppressWarnings("unchecked")
        Comparable<Object> comparable = (Comparable<Object>) value;
        return comparable.compareTo(operand);
    }

    /** SOQL LIKE: {@code %} any run, {@code _} one character, {@code \%} and {@code \_} themselves; no case. */
    private static Pattern likePattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == SoqlParser.ESCAPED_PERCENT || c == SoqlParser.ESCAPED_UNDERSCORE) {
                regex.append(Pattern.quote(c == SoqlParser.ESCAPED_PERCENT ? "%" : "_"));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
