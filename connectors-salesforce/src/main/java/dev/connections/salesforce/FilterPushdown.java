package dev.connections.salesforce;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.SourceField;
import dev.connections.api.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The part of a table's filter that SOQL can apply with the same meaning, as a WHERE condition.
 *
 * <p>A condition is pushed down when its field is filterable in Salesforce and is read with its own type (a field
 * the table keeps as TEXT is compared as text only locally). Pushed: {@code = != IN} on text, number, date, datetime
 * and boolean fields ({@code !=} also keeps nulls, as the SDK's filter does); {@code < <= > >=} on numbers, dates and
 * datetimes; CONTAINS and STARTS WITH as LIKE with {@code %} and {@code _} escaped; IS EMPTY on fields that cannot
 * hold blank text; IS NOT EMPTY. Not pushed: ordered comparisons of text (Salesforce collates differently), time
 * fields, multi-select picklists, IS EMPTY on text (blank text is empty to the SDK), values with control characters,
 * datetimes finer than a millisecond. Of an AND, the parts that can be pushed are; an OR is pushed whole or not at
 * all. Whatever is not pushed is applied locally ({@link #complete()} is false).
 *
 * @param where    the SOQL condition; empty when nothing is pushed
 * @param complete whether the condition is exactly the filter, so that nothing needs applying locally
 */
record FilterPushdown(String where, boolean complete) {

    private static final Set<String> NEVER_PUSHED = Set.of("multipicklist", "textarea", "encryptedstring", "base64",
            "address", "location", "anyType", "time");
    private static final Set<String> TEXT_COMPARABLE = Set.of("id", "string", "picklist", "combobox", "reference",
            "email", "phone", "url");

    /** One translated part: its SOQL (null when nothing of it could be pushed) and whether it is exact. */
    private record Part(String soql, boolean exact) {
        static final Part NONE = new Part(null, false);
    }

    /**
     * @param filter the table's filter
     * @param object the object's describe, for native types and filterability
     * @param fields the fields as the request reads them, with their types
     */
    static FilterPushdown of(Filter filter, SObjectDescribe object, List<SourceField> fields) {
        Map<String, FieldType> readAs = new HashMap<>();
        fields.forEach(f -> readAs.put(f.name(), f.type()));
        Part p = translate(filter, object, readAs);
        return new FilterPushdown(p.soql() == null ? "" : p.soql(), p.exact());
    }

    private static Part translate(Filter f, SObjectDescribe object, Map<String, FieldType> readAs) {
        if (f instanceof Filter.All) {
            return new Part(null, true);
        }
        if (f instanceof Filter.And and) {
            StringJoiner soql = new StringJoiner(" AND ");
            boolean exact = true;
            int pushed = 0;
            for (Filter part : flattened(and)) {
                Part p = translate(part, object, readAs);
                exact &= p.exact();
                if (p.soql() != null) {
                    soql.add("(" + p.soql() + ")");
                    pushed++;
                }
            }
            return new Part(pushed == 0 ? null : soql.toString(), exact);
        }
        if (f instanceof Filter.Or or) {
            StringJoiner soql = new StringJoiner(" OR ");
            boolean exact = true;
            for (Filter part : flattened(or)) {
                Part p = translate(part, object, readAs);
                if (p.soql() == null) {
                    return Part.NONE;
                }
                exact &= p.exact();
                soql.add("(" + p.soql() + ")");
            }
            return new Part(soql.toString(), exact);
        }
        return condition((Filter.Condition) f, object, readAs);
    }

    /** @return the parts of an AND (or an OR), with the parts of nested ANDs (ORs) in their place */
    private static List<Filter> flattened(Filter f) {
        List<Filter> parts = new ArrayList<>();
        List<Filter> direct = f instanceof Filter.And and ? and.parts() : ((Filter.Or) f).parts();
        for (Filter part : direct) {
            if (part.getClass() == f.getClass()) {
                parts.addAll(flattened(part));
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private static Part condition(Filter.Condition c, SObjectDescribe object, Map<String, FieldType> readAs) {
        SObjectDescribe.Field field = object.field(c.field()).orElse(null);
        FieldType type = readAs.get(c.field());
        if (field == null || type == null || !field.filterable() || NEVER_PUSHED.contains(field.type())
                || field.fieldType() != type) {
            return Part.NONE;
        }
        String name = Soql.name(field.name(), "field");
        List<String> literals = new ArrayList<>();
        if (c.operator() != Filter.Operator.CONTAINS && c.operator() != Filter.Operator.STARTS_WITH) {
            for (Object v : c.values()) {
                String literal = literal(v, type);
                if (literal == null) {
                    return Part.NONE;
                }
                literals.add(literal);
            }
        }
        boolean text = type == FieldType.TEXT;
        switch (c.operator()) {
            case EQUALS:
                return new Part(name + " = " + literals.get(0), true);
            case NOT_EQUALS:
                return new Part(name + " != " + literals.get(0) + " OR " + name + " = null", true);
            case IN:
                return type == FieldType.BOOLEAN ? Part.NONE
                        : new Part(name + " IN (" + String.join(", ", literals) + ")", true);
            case LESS_THAN:
            case LESS_OR_EQUAL:
            case GREATER_THAN:
            case GREATER_OR_EQUAL:
                if (text || type == FieldType.BOOLEAN) {
                    return Part.NONE;
                }
                return new Part(name + " " + c.operator().symbol() + " " + literals.get(0), true);
            case CONTAINS:
            case STARTS_WITH:
                if (!text || !TEXT_COMPARABLE.contains(field.type())) {
                    return Part.NONE;
                }
                String pattern = Soql.like(c.operator() == Filter.Operator.CONTAINS ? "%" : "",
                        c.values().get(0).toString(), "%");
                return pattern == null ? Part.NONE : new Part(name + " LIKE " + pattern, true);
            case IS_EMPTY:
                return text ? Part.NONE : new Part(name + " = null", true);
            case IS_NOT_EMPTY:
                return new Part(name + " != null", !text);
            default:
                return Part.NONE;
        }
    }

    /** @return the SOQL literal of a filter operand read as the field's type; null when it cannot be written */
    private static String literal(Object operand, FieldType type) {
        Object value;
        try {
            value = Values.coerce(operand, type);
        } catch (IllegalArgumentException notOfTheType) {
            if (type != FieldType.INTEGER) {
                return null;
            }
            try {
                value = Values.coerce(operand, FieldType.DECIMAL);
            } catch (IllegalArgumentException notANumber) {
                return null;
            }
        }
        if (value instanceof String s) {
            return Soql.string(s);
        }
        if (value instanceof Long l) {
            return Long.toString(l);
        }
        if (value instanceof BigDecimal d) {
            return Soql.number(d);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof LocalDate d) {
            return Soql.date(d);
        }
        if (value instanceof Instant i) {
            return i.truncatedTo(ChronoUnit.MILLIS).equals(i) ? Soql.datetime(i) : null;
        }
        return null;
    }
}
