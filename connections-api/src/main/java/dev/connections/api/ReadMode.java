package dev.connections.api;

/** How a refresh reads its source: everything, or what changed since the stored cursor. */
public enum ReadMode {
    /** Every record that passes the filter; under REMOVE, rows not seen are removed. */
    FULL,
    /** The records changed (and, where the connector reports them, deleted) since the table's cursor. */
    INCREMENTAL
}
