package dev.connections.spi.storage;

import dev.connections.api.TableId;
import java.time.Instant;
import java.util.Objects;

/**
 * A table whose scheduled refresh is due, as {@link TableStore#dueBy} finds it.
 *
 * @param table the table; never null
 * @param at    when its refresh became due, as stored; never null. Claiming it means moving this value with
 *              {@link TableStore#moveDue}.
 */
public record DueRefresh(TableId table, Instant at) {

    /**
     * @param table the table
     * @param at    when its refresh became due
     */
    public DueRefresh {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(at, "at");
    }
}
