package dev.connections.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

    /**
     * @param name         the name the service uses
     * @param label        a human label; null takes the name
     * @param type         the type of its values
     * @param nullable     whether values may be null
     * @param keyCandidate whether the service guarantees it unique and non-blank
     */
    public SourceField(String name, @Nullable String label, FieldType type, boolean nullable, boolean keyCandidate) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = label == null ? name : label;
        this.type = Objects.requireNonNull(type, "type");
        this.nullable = nullable;
        this.keyCandidate = keyCandidate;
    }

    /**
     * @param name the name the service uses, also its label
     * @param type the type of its values
     * @return a field that may be null and is no key candidate
     */
    public static SourceField of(String name, FieldType type) {
        return new SourceField(name, name, type, true, false);
    }

    /**
     * @param newType the type the table reads its values as
     * @return this field with another type (a table may fix a column as TEXT)
     */
    public SourceField withType(FieldType newType) {
        return new SourceField(name, label, newType, nullable, keyCandidate);
    }
}
