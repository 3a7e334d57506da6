package dev.connections.api;

import java.util.Objects;

/**
 * One field of a source object.
 *
 * @param name         the name the service uses; the name tables, filters and refresh keys refer to
 * @param label        a human label; never null (the name when the service has none)
 * @param type         the type of its values
 * @param nullable     whether values may be null
 * @param keyCandidate whether the service guarantees it unique and non-blank (a natural id)
 */
public record SourceField(String name, String label, FieldType type, boolean nullable, boolean keyCandidate) {

    public SourceField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        label = label == null ? name : label;
    }

    public static SourceField of(String name, FieldType type) {
        return new SourceField(name, name, type, true, false);
    }

    /** @return this field with another type (a table may fix a column as TEXT) */
    public SourceField withType(FieldType newType) {
        return new SourceField(name, label, newType, nullable, keyCandidate);
    }
}
