package dev.connections.api;

import java.util.Objects;
import java.util.UUID;

/** The stable identifier of a connected table; survives connection switches and changes of fields. */
public record TableId(String value) {

    public TableId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a table id must not be blank");
        }
    }

    public static TableId of(String value) {
        return new TableId(value);
    }

    public static TableId random() {
        return new TableId("t-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
