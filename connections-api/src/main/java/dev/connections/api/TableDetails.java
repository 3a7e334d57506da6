package dev.connections.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the table settings page shows: the table, the connected service, the connection and its owner, the status
 * and the runs around now.
 *
 * @param table            the definition: connected fields, refresh key, filter, table updates, schedule
 * @param connectionName   the name of the connection (visible to anyone who may see the table);
 *                         {@code (deleted connection)} when it was deleted
 * @param connectionOwner  who owns the connection; null when it was deleted
 * @param connectionStatus whether the connection can be used; NEEDS_REAUTHORIZATION when it was deleted
 * @param lastRefresh      the most recent run; null if it never ran
 * @param lastSuccess      the most recent successful run; null if none
 * @param nextRefreshAt    when its next scheduled refresh is due (a time already past while it waits for a free
 *                         refresh thread); null for a manual schedule
 * @param rowCount         records in the table now
 */
public record TableDetails(ConnectedTable table, String connectionName, @Nullable Principal connectionOwner,
                           ConnectionStatus connectionStatus, @Nullable RefreshRun lastRefresh,
                           @Nullable RefreshRun lastSuccess, @Nullable Instant nextRefreshAt, long rowCount) {

    /** @return the connector id of the connected service */
    public String service() {
        return table.service();
    }
}
