package dev.connections.api;

/** What a refresh does with table records that are no longer in the source (or no longer match the filter). */
public enum TableUpdates {
    /** Keep them: the table becomes an archive of everything it has seen. */
    KEEP,
    /** Remove them: after a refresh the table equals the source seen through the filter. */
    REMOVE
}
