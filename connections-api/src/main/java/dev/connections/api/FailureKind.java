package dev.connections.api;

/**
 * Why a refresh failed, as its {@link RefreshRun} records it: the kinds a connector reports
 * ({@code ConnectorException.Kind}) and those of the engine itself. Stored by {@link #name()}; a host can act on it
 * (tell the owner to reauthorize on AUTHENTICATION, say) and the scheduler decides from {@link #retriable()} whether
 * a scheduled table runs again before its next slot.
 */
public enum FailureKind {
    /** The credentials were refused: the connection's owner must reauthorize it. */
    AUTHENTICATION(false),
    /** A requirement is missing (API access, admin rights, folder permissions). */
    PERMISSION(false),
    /** The object, field or record does not exist. */
    NOT_FOUND(false),
    /** The service asked to slow down. Tried again: after the wait it asked for, or at least an hour. */
    RATE_LIMITED(true),
    /** A passing failure (a timeout, a 5xx). Tried again after the SDK's retry delay. */
    UNAVAILABLE(true),
    /** The data is bad: the message names where. */
    INVALID_DATA(false),
    /** The connection's settings cannot work. */
    CONFIGURATION(false),
    /** Something else held the table (its lease ran out and another instance took it): this run changed nothing. */
    CONFLICT(false),
    /** The process stopped before the run committed. Tried again after the SDK's retry delay. */
    INTERRUPTED(true),
    /** An error in the SDK or its storage. */
    INTERNAL(false);

    private final boolean retriable;

    FailureKind(boolean retriable) {
        this.retriable = retriable;
    }

    /** @return whether a scheduled table whose run failed so runs again before its next slot */
    public boolean retriable() {
        return retriable;
    }

    /**
     * @param name a stored name
     * @return its kind; INTERNAL for a name this version does not know (stored by a newer one)
     */
    public static FailureKind fromName(String name) {
        for (FailureKind kind : values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return INTERNAL;
    }

    /**
     * @param reason why the engine refused a request
     * @return the failure kind of a request the engine refused for a reason of its own
     */
    public static FailureKind of(ConnectionsException.Reason reason) {
        switch (reason) {
            case NOT_FOUND:
                return NOT_FOUND;
            case ACCESS_DENIED:
                return PERMISSION;
            case CONFLICT:
                return CONFLICT;
            case INVALID_INPUT:
                return CONFIGURATION;
            default:
                return INTERNAL;
        }
    }
}
