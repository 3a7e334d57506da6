package dev.connections.api;

import java.util.Objects;

/**
 * An object a table can take.
 *
 * @param name  the name tables refer to (an sObject API name, an entity name, a file's path in its folder)
 * @param label for people
 */
public record SourceObject(String name, String label) {

    public SourceObject {
        Objects.requireNonNull(name, "name");
        label = label == null ? name : label;
    }
}
