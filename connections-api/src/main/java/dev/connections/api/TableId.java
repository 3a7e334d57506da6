package dev.connections.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The stable identifier of a connected table; survives connection switches and changes of fields.
 *
 * @param value the id as stored and shown; never blank
 */
public record TableId(String value) {

    /**
     * @param value the id; never blank
     * @throws IllegalArgumentException when it is blank
     */
    public TableId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a table id must not be blank");
        }
    }

    /**
     * @param value the id; never blank
     * @return the id
     * @throws IllegalArgumentException when it is blank
     */
    public static TableId of(String value) {
        return new TableId(value);
    }

    /** @return a new id, {@code t-} and a random UUID */
    public static TableId random() {
        return new TableId("t-" + UUID.randomUUID());
    }

    /** @return the value */
    @Override
    public String toString() {
        return value;
    }
}
