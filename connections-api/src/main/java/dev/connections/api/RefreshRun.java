package dev.connections.api;

import java.time.Instant;
import java.util.Objects;

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
                         Instant startedAt, Instant finishedAt, RefreshCounts counts, long apiCalls,
                         FailureKind failureKind, String message) {

    /** What started a refresh. */
    public enum Trigger { MANUAL, SCHEDULED }

    /** How a refresh read the source. */

    public RefreshRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(counts, "counts");
    }

    public static RefreshRun started(String id, TableId table, Trigger trigger, ReadMode mode, Instant at) {
        return new RefreshRun(id, table, trigger, mode, RefreshStatus.RUNNING, at, null, RefreshCounts.NONE, 0,
                null, null);
    }

    public RefreshRun succeeded(ReadMode performed, Instant at, RefreshCounts finalCounts, long calls) {
        return new RefreshRun(id, table, trigger, performed, RefreshStatus.SUCCEEDED, startedAt, at, finalCounts,
                calls, null, null);
    }

    public RefreshRun failed(Instant at, FailureKind kind, String why, long calls) {
        return new RefreshRun(id, table, trigger, mode, RefreshStatus.FAILED, startedAt, at, RefreshCounts.NONE,
                calls, kind, why);
    }
}
