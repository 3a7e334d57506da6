package dev.connections.salesforce;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a read selects and how a selected record becomes a {@link Row}: the requested fields in their order and
 * types, plus the system fields the read needs ({@code Id} for messages, {@code SystemModstamp} for the cursor,
 * {@code IsDeleted} for deletions), each selected once. Immutable; thread-safe.
 */
final class Columns {

    private final String object;
    private final List<String> selected = new ArrayList<>();
    private final List<SourceField> fields;
    private final int[] source;
    private final boolean[] dateTimeText;
    private final int id;
    private final int modstamp;
    private final int deleted;

    /**
     * @param fields         the requested fields with the types they are read as
     * @param withModstamp   whether SystemModstamp is selected (for the cursor)
     * @param withDeleted    whether IsDeleted is selected (queryAll)
     * @param describe       the object's describe, for native types; null when unknown
     */
    Columns(String object, List<SourceField> fields, boolean withModstamp, boolean withDeleted,
            SObjectDescribe describe) {
        this.object = object;
        this.fields = List.copyOf(fields);
        this.source = new int[fields.size()];
        this.dateTimeText = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            SourceField f = fields.get(i);
            String name = describe == null ? f.name() : describe.field(f.name()).map(SObjectDescribe.Field::name)
                    .orElse(f.name());
            source[i] = select(name);
            dateTimeText[i] = f.type() == FieldType.TEXT && describe != null
                    && describe.field(name).map(d -> d.type().equals("datetime")).orElse(false);
        }
        this.id = select("Id");
        this.modstamp = withModstamp ? select("SystemModstamp") : -1;
        this.deleted = withDeleted ? select("IsDeleted") : -1;
    }

    /** @return the names to select, each once */
    List<String> selected() {
        return List.copyOf(selected);
    }

    /** @return the index of a selected name, ignoring case; -1 when it is not selected */
    int indexOf(String name) {
        for (int i = 0; i < selected.size(); i++) {
            if (selected.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param raw the selected values as read, in {@link #selected()} order
     * @return the row of the requested fields, each converted to its type
     * @throws ConnectorException INVALID_DATA naming the record and the field when a value does not fit
     */
    Row row(Object[] raw) {
        Object[] values = new Object[source.length];
        for (int i = 0; i < source.length; i++) {
            Object v = raw[source[i]];
            if (dateTimeText[i] && v instanceof String s) {
                v = SalesforceValues.restDateTimeText(s);
            }
            try {
                values[i] = SalesforceValues.convert(v, fields.get(i).type());
            } catch (IllegalArgumentException e) {
                String where = object + " record " + raw[id];
                throw ConnectorException.invalidData(where, "field '" + fields.get(i).name() + "': " + e.getMessage()
                        + ". Keep the field as TEXT in the table, or fix the value in Salesforce.");
            }
        }
        return new Row(values, 0);
    }

    /** @return the record's SystemModstamp; null when not selected or not readable */
    Instant modstamp(Object[] raw) {
        if (modstamp < 0 || !(raw[modstamp] instanceof String s)) {
            return null;
        }
        try {
            return SalesforceValues.dateTime(s);
        } catch (RuntimeException e) {
            throw ConnectorException.invalidData(object + " record " + raw[id], "SystemModstamp '" + s
                    + "' is not a datetime");
        }
    }

    /** @return whether the record is deleted (queryAll) */
    boolean deleted(Object[] raw) {
        return deleted >= 0 && (Boolean.TRUE.equals(raw[deleted])
                || raw[deleted] instanceof String s && s.toLowerCase(Locale.ROOT).equals("true"));
    }

    /** @return the record's Id */
    String id(Object[] raw) {
        return raw[id] == null ? null : raw[id].toString();
    }

    private int select(String name) {
        int i = indexOf(name);
        if (i >= 0) {
            return i;
        }
        selected.add(name);
        return selected.size() - 1;
    }
}
