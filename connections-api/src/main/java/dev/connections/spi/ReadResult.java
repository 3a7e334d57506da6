package dev.connections.spi;

import dev.connections.api.ReadMode;
import java.util.Objects;

/**
 * How a read went.
 *
 * @param performed FULL or INCREMENTAL as done (an incremental request may be answered in full)
 * @param next      the cursor the next incremental read starts from; null when the connector cannot read
 *                  incrementally
 */
public record ReadResult(ReadMode performed, Cursor next) {

    public ReadResult {
        Objects.requireNonNull(performed, "performed");
    }

    public static ReadResult full(Cursor next) {
        return new ReadResult(ReadMode.FULL, next);
    }

    public static ReadResult incremental(Cursor next) {
        return new ReadResult(ReadMode.INCREMENTAL, next);
    }
}
