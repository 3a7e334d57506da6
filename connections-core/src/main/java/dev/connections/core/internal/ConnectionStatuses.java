package dev.connections.core.internal;

import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredConnection;
import java.time.Clock;
import java.util.Objects;

/** The one place a connection's status changes: stored, then told to the host's listeners. Thread-safe. */
public final class ConnectionStatuses {

    private final Storage storage;
    private final Events events;
    private final Clock clock;

    public ConnectionStatuses(Storage storage, Events events, Clock clock) {
        this.storage = storage;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores a new status and tells the listeners; does nothing when it is unchanged. The connection is read again
     * from storage first, so that what changed since {@code c} was read (a refreshed token) is kept.
     *
     * @param reason why, for the event; kept with the connection unless it becomes ACTIVE
     * @return the connection as stored now
     */
    public StoredConnection change(StoredConnection c, ConnectionStatus to, String reason) {
        StoredConnection latest = storage.connections().get(c.id()).orElse(c);
        String kept = to == ConnectionStatus.ACTIVE ? null : reason;
        if (latest.status() == to && Objects.equals(latest.statusReason(), kept)) {
            return latest;
        }
        StoredConnection changed = latest.withStatus(to, kept);
        storage.connections().update(changed);
        events.publish(new ConnectionsEvent.ConnectionStatusChanged(c.id(), latest.status(), to, reason,
                clock.instant()));
        return changed;
    }
}
