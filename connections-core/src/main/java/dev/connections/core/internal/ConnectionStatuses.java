package dev.connections.core.internal;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredConnection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

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
     * Stores a new status and tells the listeners; does nothing when it is unchanged. The change is made to the
     * connection as stored now ({@link ConnectionChanges}), so that what changed since {@code c} was read (a refreshed
     * token, a rename) is kept.
     *
     * @param reason why, for the event; kept with the connection unless it becomes ACTIVE
     * @return the connection as stored now; {@code c} when it was deleted
     */
    public StoredConnection change(StoredConnection c, ConnectionStatus to, String reason) {
        return change(c.id(), null, to, reason).orElse(c);
    }

    /**
     * Like {@link #change(StoredConnection, ConnectionStatus, String)}, only while the stored status is {@code from}:
     * decided on the connection as stored now, in the same compare-and-set as the change.
     */
    public void changeFrom(ConnectionId id, ConnectionStatus from, ConnectionStatus to, String reason) {
        changeIf(id, latest -> latest.status() == from, to, reason);
    }

    /**
     * Like {@link #change(StoredConnection, ConnectionStatus, String)}, only while {@code when} holds for the
     * connection as stored now, decided in the same compare-and-set as the change: e.g. a refusal marks the connection
     * only while it still has the refused tokens, not after its owner reauthorized it meanwhile.
     */
    public void changeIf(ConnectionId id, Predicate<StoredConnection> when, ConnectionStatus to, String reason) {
        change(id, when, to, reason);
    }

    /** @param when what the connection as stored now must satisfy to change; null for anything */
    private Optional<StoredConnection> change(ConnectionId id, Predicate<StoredConnection> when, ConnectionStatus to,
                                              String reason) {
        String kept = to == ConnectionStatus.ACTIVE ? null : reason;
        Optional<ConnectionChanges.Changed> done = ConnectionChanges.apply(storage.connections(), id, latest ->
                when != null && !when.test(latest)
                        || latest.status() == to && Objects.equals(latest.statusReason(), kept) ? latest
                        : latest.withStatus(to, kept));
        done.filter(changed -> !changed.after().equals(changed.before())).ifPresent(changed -> events.publish(
                new ConnectionsEvent.ConnectionStatusChanged(id, changed.before().status(), to, reason,
                        clock.instant())));
        return done.map(ConnectionChanges.Changed::after);
    }
}
