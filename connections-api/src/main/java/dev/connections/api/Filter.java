package dev.connections.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which source records a connected table takes: conditions on source fields combined with AND and OR.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Filter f = Filter.field("amount").greaterThan(100).and(Filter.field("status").in("open", "won"));
 * Filter g = Filter.parse("amount > 100 AND (status = 'open' OR status IS EMPTY)");
 * }</pre>
 *
 * <p>The text form ({@code toString()}) parses back to an equal filter, so a storage can keep a filter as text.
 * Text comparisons ignore case; a condition on a null value is false, except {@code !=} and {@code IS EMPTY}.
 */
public sealed interface Filter permits Filter.All, Filter.Condition, Filter.And, Filter.Or {

    /** @return the filter every record matches */
    static Filter all() {
        return All.INSTANCE;
    }

    /**
     * @param name a source field's name
     * @return the start of a condition on that field
     */
    static FieldRef field(String name) {
        return new FieldRef(name);
    }

    /**
     * Parses the text form, e.g. {@code amount >= 100 AND region IN ('EU', 'US')}.
     *
     * @param text the text form; null, empty or blank for the filter every record matches
     * @return the filter
     * @throws ConnectionsException INVALID_INPUT naming the position and what was expected
     */
    static Filter parse(@Nullable String text) {
        return new FilterParser(text).parse();
    }

    /**
     * @param other another filter
     * @return a filter that both match; {@link #all()} drops out
     */
    default Filter and(Filter other) {
        if (this instanceof All) {
            return other;
        }
        if (other instanceof All) {
            return this;
        }
        return new And(List.of(this, other));
    }

    /**
     * @param other another filter
     * @return a filter that either matches; {@link #all()} if either is
     */
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
     * @return the compiled filter
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
        /**
         * @param values a row aligned with the columns the filter was compiled for, each value of its field type's
         *               Java class or null
         * @return whether the row matches
         */
        boolean test(@Nullable Object[] values);
    }

    /** The comparison of a condition. */
    enum Operator {
        /** {@code =}: equal (text ignoring case); false on null. */
        EQUALS("=", 1),
        /** {@code !=} (also written {@code <>}): not equal; true on null. */
        NOT_EQUALS("!=", 1),
        /** {@code <}, on ordered types. */
        LESS_THAN("<", 1),
        /** {@code <=}, on ordered types. */
        LESS_OR_EQUAL("<=", 1),
        /** {@code >}, on ordered types. */
        GREATER_THAN(">", 1),
        /** {@code >=}, on ordered types. */
        GREATER_OR_EQUAL(">=", 1),
        /** {@code CONTAINS}: text that contains the operand, ignoring case. */
        CONTAINS("CONTAINS", 1),
        /** {@code STARTS WITH}: text that starts with the operand, ignoring case. */
        STARTS_WITH("STARTS WITH", 1),
        /** {@code IN (a, b, ...)}: equal to one of the operands. */
        IN("IN", -1),
        /** {@code IS EMPTY}: null, or blank text. */
        IS_EMPTY("IS EMPTY", 0),
        /** {@code IS NOT EMPTY}: neither null nor blank text. */
        IS_NOT_EMPTY("IS NOT EMPTY", 0);

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
        /** The one instance; {@link Filter#all()} returns it. */
        INSTANCE;

        /** @return the empty text, which parses back to this filter */
        @Override
        public String toString() {
            return "";
        }
    }

    /**
     * One condition: {@code field operator operands}.
     *
     * @param field    the source field's name
     * @param operator the comparison
     * @param values   the operands as the host gave them (String, Number, Boolean, java.time); converted to the
     *                 field's type when the filter is compiled. A number has at most 40 significant digits and at most
     *                 100 digits written out in full (see {@link FilterNumbers}), else INVALID_INPUT
     */
    record Condition(String field, Operator operator, List<Object> values) implements Filter {
        /**
         * Checks the number of operands and the size of numbers, and copies the operands.
         *
         * @param field    the source field's name
         * @param operator the comparison
         * @param values   as many operands as the operator takes; none is null
         * @throws ConnectionsException INVALID_INPUT for the wrong number of operands or a number beyond the bounds
         */
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

    /**
     * All parts must match.
     *
     * @param parts the filters combined
     */
    record And(List<Filter> parts) implements Filter {
        /** @param parts the filters combined; copied */
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return parts.stream().map(p -> p instanceof Or ? "(" + p + ")" : p.toString())
                    .collect(Collectors.joining(" AND "));
        }
    }

    /**
     * At least one part must match.
     *
     * @param parts the filters combined
     */
    record Or(List<Filter> parts) implements Filter {
        /** @param parts the filters combined; copied */
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return parts.stream().map(Filter::toString).collect(Collectors.joining(" OR "));
        }
    }

    /**
     * The field half of a condition under construction. Operands are Strings, Numbers, Booleans or java.time values,
     * converted to the field's type when the filter is compiled; a null operand is refused with INVALID_INPUT (use
     * {@link #isEmpty()}).
     */
    final class FieldRef {
        private final String name;

        private FieldRef(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param value the operand; not null
         * @return the condition: equal to the value (text ignoring case)
         * @throws ConnectionsException INVALID_INPUT when the value is null
         */
        public Filter equalTo(Object value) {
            return condition(Operator.EQUALS, value);
        }

        /**
         * @param value the operand; not null
         * @return the condition: not equal to the value; a null field value matches
         * @throws ConnectionsException INVALID_INPUT when the value is null
         */
        public Filter notEqualTo(Object value) {
            return condition(Operator.NOT_EQUALS, value);
        }

        /**
         * @param value the operand; not null
         * @return the condition: less than the value
         * @throws ConnectionsException INVALID_INPUT when the value is null
         */
        public Filter lessThan(Object value) {
            return condition(Operator.LESS_THAN, value);
        }

        /**
         * @param value the operand; not null
         * @return the condition: less than or equal to the value
         * @throws ConnectionsException INVALID_INPUT when the value is null
         */
        public Filter atMost(Object value) {
            return condition(Operator.LESS_OR_EQUAL, value);
        }

        /**
         * @param value the operand; not null
         * @return the condition: greater than the value
         * @throws ConnectionsException INVALID_INPUT when the value is null
         */
        public Filter greaterThan(Object value) {
            return condition(Operator.GREATER_THAN, value);
        }

        /**
         * @param value the operand; not null
         * @return the condition: greater than or equal to the value
         * @throws ConnectionsException INVALID_INPUT when the value is null
         */
        public Filter atLeast(Object value) {
            return condition(Operator.GREATER_OR_EQUAL, value);
        }

        /**
         * @param text the text looked for; not null
         * @return the condition: text that contains it, ignoring case
         * @throws ConnectionsException INVALID_INPUT when the text is null
         */
        public Filter contains(String text) {
            return condition(Operator.CONTAINS, text);
        }

        /**
         * @param text the text looked for; not null
         * @return the condition: text that starts with it, ignoring case
         * @throws ConnectionsException INVALID_INPUT when the text is null
         */
        public Filter startsWith(String text) {
            return condition(Operator.STARTS_WITH, text);
        }

        /**
         * @param values one or more operands; none null
         * @return the condition: equal to one of them
         * @throws ConnectionsException INVALID_INPUT when there are none
         */
        public Filter in(Object... values) {
            return new Condition(name, Operator.IN, Arrays.asList(values));
        }

        /** @return the condition: null, or blank text */
        public Filter isEmpty() {
            return new Condition(name, Operator.IS_EMPTY, List.of());
        }

        /** @return the condition: neither null nor blank text */
        public Filter isNotEmpty() {
            return new Condition(name, Operator.IS_NOT_EMPTY, List.of());
        }

        private Filter condition(Operator operator, @Nullable Object value) {
            if (value == null) {
                throw ConnectionsException.invalid("filter on '" + name + "': use isEmpty() instead of a null value");
            }
            return new Condition(name, operator, List.of(value));
        }
    }
}
