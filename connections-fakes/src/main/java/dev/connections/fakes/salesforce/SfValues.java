package dev.connections.fakes.salesforce;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The values of fake records: their Java classes per field type, and how the REST and Bulk APIs write them. */
final class SfValues {

    /** How REST writes datetimes: {@code 2024-03-01T10:15:00.000+0000}. */
    static final DateTimeFormatter REST_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    /** How Bulk API 2.0 CSV results write datetimes: {@code 2024-03-01T10:15:00.000Z}. */
    static final DateTimeFormatter BULK_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'");

    static final Set<String> TEXT_TYPES = Set.of("id", "string", "picklist", "multipicklist", "combobox",
            "reference", "textarea", "email", "phone", "url", "encryptedstring", "base64", "anyType");
    static final Set<String> INTEGER_TYPES = Set.of("int", "long");
    static final Set<String> DECIMAL_TYPES = Set.of("double", "currency", "percent");
    static final Set<String> COMPOUND_TYPES = Set.of("address", "location");

    private SfValues() {
    }

    /**
     * @return the value as the fake keeps it for a field of this type: String, Long, BigDecimal, Boolean,
     *         LocalDate, Instant (milliseconds), LocalTime, an unmodifiable Map for compound fields, or null
     * @throws IllegalArgumentException when the value does not fit the type
     */
    static Object normalize(FakeField field, Object value) {
        if (value == null) {
            return null;
        }
        String type = field.type();
        try {
            if (TEXT_TYPES.contains(type)) {
                return value.toString();
            }
            if (INTEGER_TYPES.contains(type)) {
                return value instanceof Number n ? new BigDecimal(n.toString()).longValueExact()
                        : Long.parseLong(value.toString());
            }
            if (DECIMAL_TYPES.contains(type)) {
                return new BigDecimal(value.toString());
            }
            if (COMPOUND_TYPES.contains(type)) {
                if (value instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(k.toString(), v));
                    return Collections.unmodifiableMap(copy);
                }
                throw new IllegalArgumentException("a Map");
            }
            switch (type) {
                case "boolean":
                    if (value instanceof Boolean) {
                        return value;
                    }
                    throw new IllegalArgumentException("a Boolean");
                case "date":
                    return value instanceof LocalDate ? value : LocalDate.parse(value.toString());
                case "datetime":
                    return (value instanceof Instant i ? i : Instant.parse(value.toString()))
                            .truncatedTo(ChronoUnit.MILLIS);
                case "time":
                    return (value instanceof LocalTime t ? t : LocalTime.parse(value.toString()))
                            .truncatedTo(ChronoUnit.MILLIS);
                default:
                    throw new AssertionError(type);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the value " + value + " (" + value.getClass().getSimpleName()
                    + ") does not fit field " + field.name() + " of type " + type, e);
        }
    }

    /** Writes a value the way the REST API does in query results. */
    static void writeJson(JsonWriter out, Object value) throws IOException {
        if (value == null) {
            out.nullValue();
        } else if (value instanceof String s) {
            out.value(s);
        } else if (value instanceof Boolean b) {
            out.value(b.booleanValue());
        } else if (value instanceof Long l) {
            out.value(l.longValue());
        } else if (value instanceof BigDecimal d) {
            out.value(d);
        } else if (value instanceof Instant i) {
            out.value(REST_DATETIME.format(i));
        } else if (value instanceof LocalTime t) {
            out.value(TIME.format(t));
        } else if (value instanceof Map<?, ?> map) {
            out.beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.name(e.getKey().toString());
                writeJson(out, e.getValue());
            }
            out.endObject();
        } else if (value instanceof Number n) {
            out.value(n);
        } else {
            out.value(value.toString());
        }
    }

    /** @return the text of a value in a Bulk API CSV result; null for null */
    static String csv(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return BULK_DATETIME.format(i);
        }
        if (value instanceof LocalTime t) {
            return TIME.format(t);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }
}
