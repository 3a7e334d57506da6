package dev.connections.api;

import java.time.Instant;

/**
 * Something that happened, told to the host's {@link ConnectionsListener}. Events never carry credentials. No
 * component of an event is null.
 */
public sealed interface ConnectionsEvent {

    /** @return when it happened */
    Instant at();

    /**
     * A refresh began.
     *
     * @param table   the table refreshed
     * @param runId   the id of its {@link RefreshRun}
     * @param trigger what started it
     * @param at      when it began
     */
    record RefreshStarted(TableId table, String runId, RefreshRun.Trigger trigger, Instant at)
            implements ConnectionsEvent {
    }

    /**
     * A refresh has read this many records so far (sent every few thousand records).
     *
     * @param table       the table refreshed
     * @param runId       the id of its {@link RefreshRun}
     * @param recordsRead records read from the source so far
     * @param at          when
     */
    record RefreshProgress(TableId table, String runId, long recordsRead, Instant at) implements ConnectionsEvent {
    }

    /**
     * A refresh committed.
     *
     * @param run the run, SUCCEEDED, with its counts
     * @param at  when it committed
     */
    record RefreshFinished(RefreshRun run, Instant at) implements ConnectionsEvent {
    }

    /**
     * A refresh failed; the table is as it was.
     *
     * @param run the run, FAILED, with its failure kind and message
     * @param at  when it failed
     */
    record RefreshFailed(RefreshRun run, Instant at) implements ConnectionsEvent {
    }

    /**
     * A connection's status changed (e.g. it needs reauthorization, or a newer one superseded it).
     *
     * @param connection the connection
     * @param from       its status before
     * @param to         its status now
     * @param reason     why, for its owner (the service's refusal, the connection that superseded it)
     * @param at         when
     */
    record ConnectionStatusChanged(ConnectionId connection, ConnectionStatus from, ConnectionStatus to,
                                   String reason, Instant at) implements ConnectionsEvent {
    }
}
