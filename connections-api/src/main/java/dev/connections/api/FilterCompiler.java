package dev.connections.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Turns a {@link Filter} into a {@link Filter.RowPredicate} over rows of known columns. */
final class FilterCompiler {

    private FilterCompiler() {
    }

    static Filter.RowPredicate compile(Filter filter, List<SourceField> columns) {
        if (filter instanceof Filter.All) {
            return values -> true;
        }
        if (filter instanceof Filter.And and) {
            Filter.RowPredicate[] parts = compileAll(and.parts(), columns);
            return values -> {
                for (Filter.RowPredicate p : parts) {
                    if (!p.test(values)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (filter instanceof Filter.Or or) {
            Filter.RowPredicate[] parts = compileAll(or.parts(), columns);
            return values -> {
                for (Filter.RowPredicate p : parts) {
                    if (p.test(values)) {
                        return true;
                    }
                }
                return false;
            };
        }
        return condition((Filter.Condition) filter, columns);
    }

    private static Filter.RowPredicate[] compileAll(List<Filter> parts, List<SourceField> columns) {
        Filter.RowPredicate[] compiled = new Filter.RowPredicate[parts.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compile(parts.get(i), columns);
        }
        return compiled;
    }

    private static Filter.RowPredicate condition(Filter.Condition c, List<SourceField> columns) {
        int index = indexOf(c.field(), columns);
        FieldType type = columns.get(index).type();
        Filter.Operator op = c.operator();
        switch (op) {
            case IS_EMPTY:
                return values -> isEmpty(values[index]);
            case IS_NOT_EMPTY:
                return values -> !isEmpty(values[index]);
            case CONTAINS:
            case STARTS_WITH:
                if (type != FieldType.TEXT && type != FieldType.JSON) {
                    throw ConnectionsException.invalid("filter on '" + c.field() + "': " + op.symbol()
                            + " needs a text field, but it is " + type);
                }
                String needle = c.values().get(0).toString().toLowerCase(Locale.ROOT);
                return op == Filter.Operator.CONTAINS
                        ? values -> values[index] != null && lower(values[index]).contains(needle)
                        : values -> values[index] != null && lower(values[index]).startsWith(needle);
            default:
                break;
        }
        if (op != Filter.Operator.EQUALS && op != Filter.Operator.NOT_EQUALS && op != Filter.Operator.IN
                && !type.isOrdered()) {
            throw ConnectionsException.invalid("filter on '" + c.field() + "': " + op.symbol()
                    + " needs an ordered field, but it is " + type + "; use = or !=");
        }
        List<Object> operands = new ArrayList<>();
        for (Object v : c.values()) {
            operands.add(operand(c.field(), v, type));
        }
        Object first = operands.get(0);
        switch (op) {
            case EQUALS:
                return values -> values[index] != null && compare(values[index], first) == 0;
            case NOT_EQUALS:
                return values -> values[index] == null || compare(values[index], first) != 0;
            case LESS_THAN:
                return values -> values[index] != null && compare(values[index], first) < 0;
            case LESS_OR_EQUAL:
                return values -> values[index] != null && compare(values[index], first) <= 0;
            case GREATER_THAN:
                return values -> values[index] != null && compare(values[index], first) > 0;
            case GREATER_OR_EQUAL:
                return values -> values[index] != null && compare(values[index], first) >= 0;
            case IN:
                Object[] set = operands.toArray();
                return values -> {
                    Object v = values[index];
                    if (v == null) {
                        return false;
                    }
                    for (Object candidate : set) {
                        if (compare(v, candidate) == 0) {
                            return true;
                        }
                    }
                    return false;
                };
            default:
                throw new AssertionError(op);
        }
    }

    private static int indexOf(String field, List<SourceField> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(field)) {
                return i;
            }
        }
        List<String> names = columns.stream().map(SourceField::name).toList();
        throw ConnectionsException.invalid("filter field '" + field + "' is not a field of the source; known fields: "
                + names);
    }

    /** Numbers stay comparable across INTEGER and DECIMAL: a non-integral operand on an INTEGER field is a decimal. */
    private static Object operand(String field, Object value, FieldType type) {
        try {
            return Values.coerce(value, type);
        } catch (IllegalArgumentException notOfTheType) {
            if (type == FieldType.INTEGER) {
                try {
                    return Values.coerce(value, FieldType.DECIMAL);
                } catch (IllegalArgumentException notANumber) {
                    // reported below as not an INTEGER
                }
            }
            throw ConnectionsException.invalid("filter on '" + field + "' (" + type + "): "
                    + notOfTheType.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object value, Object operand) {
        if (value instanceof String s && operand instanceof String o) {
            return s.compareToIgnoreCase(o);
        }
        if (value instanceof Long l && operand instanceof BigDecimal d) {
            return BigDecimal.valueOf(l).compareTo(d);
        }
        if (value instanceof BigDecimal d && operand instanceof Long l) {
            return d.compareTo(BigDecimal.valueOf(l));
        }
        return ((Comparable) value).compareTo(operand);
    }

    private static boolean isEmpty(@Nullable Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static String lower(Object value) {
        return value.toString().toLowerCase(Locale.ROOT);
    }
}
