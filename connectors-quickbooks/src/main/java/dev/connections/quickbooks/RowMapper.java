package dev.connections.quickbooks;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.Values;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Turns a QuickBooks record (nested JSON) into a row of the requested fields: a dotted field name reads a nested
 * property ({@code CurrencyRef.value}, {@code MetaData.LastUpdatedTime}), objects and arrays become JSON text, and
 * every value is converted to the type the table asks for. A property QuickBooks left out is null. Used by one thread.
 */
final class RowMapper {

    private final String entity;
    private final List<SourceField> fields;
    private final String[][] paths;

    RowMapper(String entity, List<SourceField> fields) {
        this.entity = entity;
        this.fields = fields;
        this.paths = new String[fields.size()][];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = fields.get(i).name().split("\\.");
        }
    }

    /**
     * @throws ConnectorException INVALID_DATA naming the record and the field when a value does not fit its type
     */
    Row row(Map<String, Object> record) {
        Object[] values = new Object[paths.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = convert(record, i, JsonValues.at(record, paths[i]));
        }
        return new Row(values, 0);
    }

    /** @return an Id in the type the table gives the Id field; null when the table does not take Id */
    Object id(String id) {
        for (int i = 0; i < paths.length; i++) {
            if (fields.get(i).name().equals("Id")) {
                return convert(Map.of("Id", id), i, id);
            }
        }
        return null;
    }

    private Object convert(Map<String, Object> record, int index, Object raw) {
        if (raw == null) {
            return null;
        }
        FieldType type = fields.get(index).type();
        boolean compound = raw instanceof Map || raw instanceof List;
        if (type == FieldType.JSON || compound && type == FieldType.TEXT) {
            return JsonValues.text(raw);
        }
        if (raw instanceof BigDecimal d && type == FieldType.TEXT) {
            return d.toPlainString();
        }
        try {
            if (compound) {
                throw new IllegalArgumentException("an object, not " + type);
            }
            return Values.coerce(raw, type);
        } catch (IllegalArgumentException e) {
            String location = entity + " " + record.get("Id") + ", field " + fields.get(index).name();
            throw ConnectorException.invalidData(location, e.getMessage());
        }
    }
}
