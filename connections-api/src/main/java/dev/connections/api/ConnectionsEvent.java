package dev.connections.api;

import java.time.Instant;

/**
 * Something that happened, told to the host's {@link ConnectionsListener}. Events never carry credentials.
 */
public sealed interface ConnectionsEvent {

    /** @return when it happened */
    Instant at();

    /** A refresh began. */
    record RefreshStarted(TableId table, String runId, RefreshRun.Trigger trigger, Instant at)
            implements ConnectionsEvent {
    }

    /** A refresh has read this many records so far (sent every few thousand records). */
    record RefreshProgress(TableId table, String runId, long recordsRead, Instant at) implements ConnectionsEvent {
    }

    /** A refresh committed. */
    record RefreshFinished(RefreshRun run, Instant at) implements ConnectionsEvent {
    }

    /** A refresh failed; the table is as it was. */
    record RefreshFailed(RefreshRun run, Instant at) implements ConnectionsEvent {
    }

    /** A connection's status changed (e.g. it needs reauthorization, or a newer one superseded it). */
    record ConnectionStatusChanged(ConnectionId connection, ConnectionStatus from, ConnectionStatus to,
                                   String reason, Instant at) implements ConnectionsEvent {
    }
}
