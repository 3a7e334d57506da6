package dev.connections.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An object a table can take.
 *
 * @param name  the name tables refer to (an sObject API name, an entity name, a file's path in its folder)
 * @param label for people; never null (the name when the service has none)
 */
public record SourceObject(String name, String label) {

    /**
     * @param name  the name tables refer to
     * @param label for people; null takes the name
     */
    public SourceObject(String name, @Nullable String label) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = label == null ? name : label;
    }
}
