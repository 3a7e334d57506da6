package dev.connections.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which source records a connected table takes: conditions on source fields combined with AND and OR.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Filter f = Filter.field("amount").greaterThan(100).and(Filter.field("status").in("open", "won"));
 * Filter g = Filter.parse("amount > 100 AND (status = 'open' OR status IS EMPTY)");
 * }</pre>
 *
 * <p>The text form ({@link #toString()}) parses back to an equal filter, so a storage can keep a filter as text.
 * Text comparisons ignore case; a condition on a null value is false, except {@code !=} and {@code IS EMPTY}.
 */
public sealed interface Filter permits Filter.All, Filter.Condition, Filter.And, Filter.Or {

    /** @return the filter every record matches */
    static Filter all() {
        return All.INSTANCE;
    }

    /** @return the start of a condition on a source field */
    static FieldRef field(String name) {
        return new FieldRef(name);
    }

    /**
     * Parses the text form, e.g. {@code amount >= 100 AND region IN ('EU', 'US')}.
     *
     * @throws ConnectionsException INVALID_INPUT naming the position and what was expected
     */
    static Filter parse(String text) {
        return new FilterParser(text).parse();
    }

    default Filter and(Filter other) {
        if (this instanceof All) {
            return other;
        }
        if (other instanceof All) {
            return this;
        }
        return new And(List.of(this, other));
    }

    default Filter or(Filter other) {
        if (this instanceof All || other instanceof All) {
            return all();
        }
        return new Or(List.of(this, other));
    }

    /** @return the names of the fields the filter reads, each once, in order of appearance */
    default List<String> fields() {
        List<String> names = new ArrayList<>();
        collectFields(this, names);
        return names;
    }

    /**
     * Checks the filter against the fields of a source and prepares it for evaluation on rows.
     *
     * @param columns the fields of the rows it will be evaluated on, in row order
     * @throws ConnectionsException INVALID_INPUT for an unknown field, an operand of the wrong type or an
     *                              operator the field's type does not support
     */
    default RowPredicate compile(List<SourceField> columns) {
        return FilterCompiler.compile(this, columns);
    }

    private static void collectFields(Filter f, List<String> names) {
        if (f instanceof Condition c) {
            if (!names.contains(c.field())) {
                names.add(c.field());
            }
        } else if (f instanceof And a) {
            a.parts().forEach(p -> collectFields(p, names));
        } else if (f instanceof Or o) {
            o.parts().forEach(p -> collectFields(p, names));
        }
    }

    /** A compiled filter; thread-safe. */
    @FunctionalInterface
    interface RowPredicate {
        /** @param values a row aligned with the columns the filter was compiled for */
        boolean test(Object[] values);
    }

    /** The comparison of a condition. */
    enum Operator {
        EQUALS("=", 1), NOT_EQUALS("!=", 1), LESS_THAN("<", 1), LESS_OR_EQUAL("<=", 1),
        GREATER_THAN(">", 1), GREATER_OR_EQUAL(">=", 1), CONTAINS("CONTAINS", 1), STARTS_WITH("STARTS WITH", 1),
        IN("IN", -1), IS_EMPTY("IS EMPTY", 0), IS_NOT_EMPTY("IS NOT EMPTY", 0);

        private final String symbol;
        private final int operands;

        Operator(String symbol, int operands) {
            this.symbol = symbol;
            this.operands = operands;
        }

        /** @return the operator as written in the text form */
        public String symbol() {
            return symbol;
        }

        /** @return the number of operands it takes: 0, 1, or -1 for one or more */
        public int operands() {
            return operands;
        }
    }

    /** Matches every record. */
    enum All implements Filter {
        INSTANCE;

        @Override
        public String toString() {
            return "";
        }
    }

    /**
     * One condition: {@code field operator operands}.
     *
     * @param values the operands as the host gave them (String, Number, Boolean, java.time); converted to the
     *               field's type when the filter is compiled. A number has at most 40 significant digits and at most
     *               100 digits written out in full (see {@link FilterNumbers}), else INVALID_INPUT
     */
    record Condition(String field, Operator operator, List<Object> values) implements Filter {
        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
            boolean fits = operator.operands() < 0 ? !values.isEmpty() : values.size() == operator.operands();
            if (!fits) {
                throw ConnectionsException.invalid("filter operator " + operator.symbol() + " on '" + field
                        + "' takes " + (operator.operands() < 0 ? "one or more" : operator.operands())
                        + " value(s), not " + values.size());
            }
            for (Object value : values) {
                if (value instanceof Number n) {
                    try {
                        FilterNumbers.decimal(n);
                    } catch (IllegalArgumentException e) {
                        throw ConnectionsException.invalid("filter on '" + field + "': " + e.getMessage());
                    }
                }
            }
        }

        @Override
        public String toString() {
            String name = FilterParser.quoteField(field);
            if (operator.operands() == 0) {
                return name + " " + operator.symbol();
            }
            String operands = values.stream().map(FilterParser::literal).collect(Collectors.joining(", "));
            return operator == Operator.IN ? name + " IN (" + operands + ")" : name + " " + operator.symbol() + " " + operands;
        }
    }

    /** All parts must match. */
    record And(List<Filter> parts) implements Filter {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return parts.stream().map(p -> p instanceof Or ? "(" + p + ")" : p.toString())
                    .collect(Collectors.joining(" AND "));
        }
    }

    /** At least one part must match. */
    record Or(List<Filter> parts) implements Filter {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return parts.stream().map(Filter::toString).collect(Collectors.joining(" OR "));
        }
    }

    /** The field half of a condition under construction. */
    final class FieldRef {
        private final String name;

        private FieldRef(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Filter equalTo(Object value) {
            return condition(Operator.EQUALS, value);
        }

        public Filter notEqualTo(Object value) {
            return condition(Operator.NOT_EQUALS, value);
        }

        public Filter lessThan(Object value) {
            return condition(Operator.LESS_THAN, value);
        }

        public Filter atMost(Object value) {
            return condition(Operator.LESS_OR_EQUAL, value);
        }

        public Filter greaterThan(Object value) {
            return condition(Operator.GREATER_THAN, value);
        }

        public Filter atLeast(Object value) {
            return condition(Operator.GREATER_OR_EQUAL, value);
        }

        public Filter contains(String text) {
            return condition(Operator.CONTAINS, text);
        }

        public Filter startsWith(String text) {
            return condition(Operator.STARTS_WITH, text);
        }

        public Filter in(Object... values) {
            return new Condition(name, Operator.IN, Arrays.asList(values));
        }

        public Filter isEmpty() {
            return new Condition(name, Operator.IS_EMPTY, List.of());
        }

        public Filter isNotEmpty() {
            return new Condition(name, Operator.IS_NOT_EMPTY, List.of());
        }

        private Filter condition(Operator operator, Object value) {
            if (value == null) {
                throw ConnectionsException.invalid("filter on '" + name + "': use isEmpty() instead of a null value");
            }
            return new Condition(name, operator, List.of(value));
        }
    }
}
