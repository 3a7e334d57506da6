package dev.connections.spi;

import java.util.Objects;

/**
 * A connector's opaque position in a source: a timestamp, a change token, a file fingerprint. The engine stores it
 * with the data it describes, in the same transaction, and never interprets it.
 *
 * @param value the connector's own serialisation; never null
 */
public record Cursor(String value) {

    /** @param value the connector's own serialisation; never null */
    public Cursor {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the connector's own serialisation; never null
     * @return the cursor
     */
    public static Cursor of(String value) {
        return new Cursor(value);
    }
}
