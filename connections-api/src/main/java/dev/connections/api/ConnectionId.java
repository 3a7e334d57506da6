package dev.connections.api;

import java.util.Objects;
import java.util.UUID;

/** The stable identifier of a connection; survives renames and reauthorization. */
public record ConnectionId(String value) {

    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a connection id must not be blank");
        }
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    public static ConnectionId random() {
        return new ConnectionId("c-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
