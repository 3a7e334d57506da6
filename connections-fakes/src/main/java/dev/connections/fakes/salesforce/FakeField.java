package dev.connections.fakes.salesforce;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A field of a fake sObject, as {@code /sobjects/{name}/describe} shows it.
 *
 * @param name       the API name, e.g. {@code AnnualRevenue} or {@code Region__c}
 * @param label      for people
 * @param type       a Salesforce field type: id, string, boolean, int, long, double, currency, percent, date,
 *                   datetime, time, picklist, multipicklist, combobox, reference, textarea, email, phone, url,
 *                   encryptedstring, base64, address, location, anyType
 * @param nillable   whether it may be null
 * @param filterable whether a WHERE clause may use it (not for long text, base64, compound or encrypted fields)
 * @param referenceTo the objects a reference field points to; empty for other types
 */
public record FakeField(String name, String label, String type, boolean nillable, boolean filterable,
                        List<String> referenceTo) {

    /** The field types the fake knows. */
    public static final Set<String> TYPES = Set.of("id", "string", "boolean", "int", "long", "double", "currency",
            "percent", "date", "datetime", "time", "picklist", "multipicklist", "combobox", "reference", "textarea",
            "email", "phone", "url", "encryptedstring", "base64", "address", "location", "anyType");

    private static final Set<String> NOT_FILTERABLE = Set.of("textarea", "base64", "address", "location",
            "encryptedstring", "anyType");

    public FakeField {
        Objects.requireNonNull(name, "name");
        label = label == null ? name : label;
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown Salesforce field type '" + type + "'; known: " + TYPES);
        }
        referenceTo = List.copyOf(referenceTo);
    }

    /** A nillable field with its name as label, filterable unless its type never is. */
    public static FakeField of(String name, String type) {
        return new FakeField(name, name, type, !type.equals("boolean") && !type.equals("id"),
                !NOT_FILTERABLE.contains(type), List.of());
    }

    /** @return this field, not nillable */
    public FakeField required() {
        return new FakeField(name, label, type, false, filterable, referenceTo);
    }

    /** @return this field with another label */
    public FakeField labelled(String newLabel) {
        return new FakeField(name, newLabel, type, nillable, filterable, referenceTo);
    }
}
