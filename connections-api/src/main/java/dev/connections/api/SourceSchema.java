package dev.connections.api;

import dev.connections.api.SourceField;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of one source object.
 *
 * @param object     the object's name
 * @param fields     its fields, in the service's order
 * @param naturalKey the fields that form the service's own id (Salesforce {@code Id}); empty when there is none
 *                   and the table's owner must choose a refresh key
 */
public record SourceSchema(String object, List<SourceField> fields, List<String> naturalKey) {

    /**
     * Copies the lists.
     *
     * @param object     the object's name
     * @param fields     its fields, in the service's order
     * @param naturalKey the fields of the service's own id; empty when there is none
     */
    public SourceSchema {
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        naturalKey = List.copyOf(naturalKey);
    }

    /**
     * @param name a field's name, compared exactly
     * @return the field with this name, if any
     */
    public Optional<SourceField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** @return the names of the fields, in order */
    public List<String> fieldNames() {
        return fields.stream().map(SourceField::name).toList();
    }
}
