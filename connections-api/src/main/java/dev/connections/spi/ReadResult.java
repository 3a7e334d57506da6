package dev.connections.spi;

import dev.connections.api.ReadMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a read went.
 *
 * @param performed FULL or INCREMENTAL as done (an incremental request may be answered in full)
 * @param next      the cursor the next incremental read starts from; null when there is none (the connector cannot
 *                  read incrementally, or this read left no position to go on from): the next refresh is then full
 */
public record ReadResult(ReadMode performed, @Nullable Cursor next) {

    /**
     * @param performed FULL or INCREMENTAL as done
     * @param next      the cursor the next incremental read starts from; null when there is none
     * @throws NullPointerException when {@code performed} is null
     */
    public ReadResult {
        Objects.requireNonNull(performed, "performed");
    }

    /**
     * @param next the cursor the next incremental read starts from; null when the connector cannot read
     *             incrementally
     * @return a result of a read done in full
     */
    public static ReadResult full(@Nullable Cursor next) {
        return new ReadResult(ReadMode.FULL, next);
    }

    /**
     * @param next the cursor the next incremental read starts from; null to keep none, so that the next refresh is
     *             a full one
     * @return a result of a read done incrementally
     */
    public static ReadResult incremental(@Nullable Cursor next) {
        return new ReadResult(ReadMode.INCREMENTAL, next);
    }
}
