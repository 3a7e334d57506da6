package dev.connections.api;

import java.util.Objects;

/**
 * The one unchecked exception of the SDK. Its {@link Reason} tells a program what went wrong; its message tells a
 * person what to do about it. Messages never contain credentials or the settings of a connection the caller does
 * not own.
 *
 * <p>Failures reported by a connector are {@link dev.connections.spi.ConnectorException}s, a subtype with a
 * finer kind.
 */
public class ConnectionsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for programs. */
    public enum Reason {
        /** The request itself is wrong (an unknown field, an invalid filter or schedule); nothing was changed. */
        INVALID_INPUT,
        /** The named connection, table, object or field does not exist. */
        NOT_FOUND,
        /** The caller may not do this (not the owner of the connection, or refused by the host's policy). */
        ACCESS_DENIED,
        /** The request conflicts with the current state (a refresh already running, a connection still in use). */
        CONFLICT,
        /** The connector or its service failed; see {@link dev.connections.spi.ConnectorException#kind()}. */
        CONNECTOR
    }

    private final Reason reason;

    public ConnectionsException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ConnectionsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public static ConnectionsException invalid(String message) {
        return new ConnectionsException(Reason.INVALID_INPUT, message);
    }

    public static ConnectionsException notFound(String message) {
        return new ConnectionsException(Reason.NOT_FOUND, message);
    }

    public static ConnectionsException denied(String message) {
        return new ConnectionsException(Reason.ACCESS_DENIED, message);
    }

    public static ConnectionsException conflict(String message) {
        return new ConnectionsException(Reason.CONFLICT, message);
    }
}
