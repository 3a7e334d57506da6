package dev.connections.api;

/** The state of one refresh run. */
public enum RefreshStatus {
    /** Started and not finished (or interrupted by a crash, until the engine marks it FAILED). */
    RUNNING,
    /** Committed: the table shows its data. */
    SUCCEEDED,
    /** Nothing of it was kept; the run's failure kind and message say why. */
    FAILED
}
