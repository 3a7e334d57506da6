package dev.connections.api;

/** Whether a connection can be used for refreshes. */
public enum ConnectionStatus {
    /** Usable. */
    ACTIVE,
    /** The service rejected the credentials; the owner must reauthorize the connection. */
    NEEDS_REAUTHORIZATION,
    /** A newer connection to the same account took over (services that allow one active connection per account). */
    SUPERSEDED
}
