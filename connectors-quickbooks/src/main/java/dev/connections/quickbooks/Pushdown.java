package dev.connections.quickbooks;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.SourceField;
import dev.connections.api.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a table's filter QuickBooks can apply: the WHERE clause of a full read. The query language has AND but
 * no OR, and {@code = < > <= >= IN LIKE}; it filters only some properties of each entity (the catalog says which).
 * So a condition is pushed down when its field is filterable, the table reads it in the schema's type, and its
 * operator means the same there:
 * <ul>
 *   <li>{@code =}, {@code IN}, and on ordered non-text fields {@code < > <= >=};</li>
 *   <li>STARTS WITH and CONTAINS on text as {@code LIKE 'x%'} and {@code LIKE '%x%'} (not when the text holds a
 *       {@code %}, which LIKE cannot escape);</li>
 *   <li>text compared ignoring case, as QuickBooks and the SDK both do; date-times only when whole seconds.</li>
 * </ul>
 * Everything else (OR, !=, IS EMPTY, other fields) is left out: the engine applies the whole filter to what is read,
 * so leaving a condition out only reads more. Text values are quoted with {@code \'} and {@code \\} escaped.
 * Stateless.
 */
final class Pushdown {

    private Pushdown() {
    }

    /** @return the conditions to push, joined with AND; empty when none can be */
    static String where(Catalog.Entity entity, List<SourceField> fields, Filter filter) {
        List<String> parts = new ArrayList<>();
        push(entity, fields, filter, parts);
        return String.join(" AND ", parts);
    }

    /** Adds the pushable conditions of an AND (nested ANDs included); an OR is left out whole. */
    private static void push(Catalog.Entity entity, List<SourceField> fields, Filter filter, List<String> parts) {
        if (filter instanceof Filter.And and) {
            and.parts().forEach(part -> push(entity, fields, part, parts));
        } else if (filter instanceof Filter.Condition c) {
            condition(entity, fields, c).ifPresent(parts::add);
        }
    }

    /** @return a text literal: quoted, with quotes and backslashes escaped */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static Optional<String> condition(Catalog.Entity entity, List<SourceField> fields, Filter.Condition c) {
        String property = entity.filterable().get(c.field());
        Optional<SourceField> described = entity.schema().field(c.field());
        Optional<SourceField> read = fields.stream().filter(f -> f.name().equals(c.field())).findFirst();
        if (property == null || described.isEmpty() || read.isEmpty()
                || described.get().type() != read.get().type()) {
            return Optional.empty();
        }
        FieldType type = described.get().type();
        List<String> literals = new ArrayList<>();
        for (Object value : c.values()) {
            Optional<String> literal = literal(value, type);
            if (literal.isEmpty()) {
                return Optional.empty();
            }
            literals.add(literal.get());
        }
        boolean text = type == FieldType.TEXT;
        switch (c.operator()) {
            case EQUALS:
                return Optional.of(property + " = " + literals.get(0));
            case IN:
                return type == FieldType.BOOLEAN ? Optional.empty()
                        : Optional.of(property + " IN (" + String.join(", ", literals) + ")");
            case LESS_THAN:
            case LESS_OR_EQUAL:
            case GREATER_THAN:
            case GREATER_OR_EQUAL:
                return text || !type.isOrdered() ? Optional.empty()
                        : Optional.of(property + " " + c.operator().symbol() + " " + literals.get(0));
            case STARTS_WITH:
            case CONTAINS:
                String needle = c.values().get(0).toString();
                if (!text || needle.contains("%")) {
                    return Optional.empty();
                }
                String pattern = (c.operator() == Filter.Operator.CONTAINS ? "%" : "") + needle + "%";
                return Optional.of(property + " LIKE " + quote(pattern));
            default:
                return Optional.empty();
        }
    }

    /** @return the literal of a filter operand in a field's type; empty when it cannot be written exactly */
    private static Optional<String> literal(Object operand, FieldType type) {
        Object value;
        try {
            value = Values.coerce(operand, type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(quote(s));
        }
        if (value instanceof Boolean b) {
            return Optional.of(b.toString());
        }
        if (value instanceof BigDecimal d) {
            return Optional.of(quote(d.toPlainString()));
        }
        if (value instanceof Long l) {
            return Optional.of(quote(l.toString()));
        }
        if (value instanceof LocalDate d) {
            return Optional.of(quote(d.toString()));
        }
        if (value instanceof Instant i) {
            return i.getNano() == 0 ? Optional.of(quote(Cursors.literal(i))) : Optional.empty();
        }
        return Optional.empty();
    }
}
