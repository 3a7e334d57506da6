package dev.connections.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The stable identifier of a connection; survives renames and reauthorization.
 *
 * @param value the id as stored and shown; never blank
 */
public record ConnectionId(String value) {

    /**
     * @param value the id; never blank
     * @throws IllegalArgumentException when it is blank
     */
    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a connection id must not be blank");
        }
    }

    /**
     * @param value the id; never blank
     * @return the id
     * @throws IllegalArgumentException when it is blank
     */
    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    /** @return a new id, {@code c-} and a random UUID */
    public static ConnectionId random() {
        return new ConnectionId("c-" + UUID.randomUUID());
    }

    /** @return the value */
    @Override
    public String toString() {
        return value;
    }
}
