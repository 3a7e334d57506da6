package dev.connections.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a table's refresh history.
 *
 * @param id          unique id of the run
 * @param table       the table refreshed
 * @param trigger     what started it
 * @param mode        FULL or INCREMENTAL as performed (a connector may answer an incremental request in full)
 * @param status      RUNNING, SUCCEEDED or FAILED
 * @param startedAt   when it started
 * @param finishedAt  when it finished; null while RUNNING
 * @param counts      what it did; {@link RefreshCounts#NONE} until it finishes, and for a failed run
 * @param apiCalls    calls made to the service
 * @param failureKind for a FAILED run the kind of failure; else null
 * @param message     for a FAILED run what went wrong and how to fix it; else null. Never holds a secret.
 */
public record RefreshRun(String id, TableId table, Trigger trigger, ReadMode mode, RefreshStatus status,
                         Instant startedAt, @Nullable Instant finishedAt, RefreshCounts counts, long apiCalls,
                         @Nullable FailureKind failureKind, @Nullable String message) {

    /** What started a refresh. */
    public enum Trigger {
        /** A caller asked for it. */
        MANUAL,
        /** The table's schedule. */
        SCHEDULED
    }

    /**
     * @param id          unique id of the run
     * @param table       the table refreshed
     * @param trigger     what started it
     * @param mode        FULL or INCREMENTAL as performed
     * @param status      RUNNING, SUCCEEDED or FAILED
     * @param startedAt   when it started
     * @param finishedAt  when it finished; null while RUNNING
     * @param counts      what it did
     * @param apiCalls    calls made to the service
     * @param failureKind for a FAILED run the kind of failure; else null
     * @param message     for a FAILED run what went wrong; else null
     * @throws NullPointerException when any but {@code finishedAt}, {@code failureKind} and {@code message} is null
     */
    public RefreshRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(counts, "counts");
    }

    /**
     * @param id      unique id of the run
     * @param table   the table refreshed
     * @param trigger what started it
     * @param mode    FULL or INCREMENTAL as requested
     * @param at      when it started
     * @return a RUNNING run with no counts
     */
    public static RefreshRun started(String id, TableId table, Trigger trigger, ReadMode mode, Instant at) {
        return new RefreshRun(id, table, trigger, mode, RefreshStatus.RUNNING, at, null, RefreshCounts.NONE, 0,
                null, null);
    }

    /**
     * @param performed   FULL or INCREMENTAL as the connector performed it
     * @param at          when it committed
     * @param finalCounts what it did
     * @param calls       calls made to the service
     * @return this run, SUCCEEDED
     */
    public RefreshRun succeeded(ReadMode performed, Instant at, RefreshCounts finalCounts, long calls) {
        return new RefreshRun(id, table, trigger, performed, RefreshStatus.SUCCEEDED, startedAt, at, finalCounts,
                calls, null, null);
    }

    /**
     * @param at    when it failed
     * @param kind  the kind of failure
     * @param why   what went wrong and how to fix it, for people; never a secret
     * @param calls calls made to the service
     * @return this run, FAILED, with no counts
     */
    public RefreshRun failed(Instant at, FailureKind kind, String why, long calls) {
        return new RefreshRun(id, table, trigger, mode, RefreshStatus.FAILED, startedAt, at, RefreshCounts.NONE,
                calls, kind, why);
    }
}
