package dev.connections.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception of the SDK. Its {@link Reason} tells a program what went wrong; its message tells a
 * person what to do about it. Messages never contain credentials or the settings of a connection the caller does
 * not own.
 *
 * <p>Failures reported by a connector or its service have the reason {@link Reason#CONNECTOR} and a
 * {@link #failureKind()} (AUTHENTICATION: reauthorize; RATE_LIMITED: wait; ...). A host catches this type only; the
 * subtype connectors throw ({@code dev.connections.spi.ConnectorException}) is theirs.
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
        /** The connector or its service failed; {@link #failureKind()} says how. */
        CONNECTOR
    }

    private final Reason reason;
    private final FailureKind failureKind;

    /**
     * An exception of the engine's own, with the failure kind its reason maps to ({@link FailureKind#of(Reason)}).
     *
     * @param reason  what went wrong
     * @param message what to do about it, for a person
     */
    public ConnectionsException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * An exception of the engine's own, with the failure kind its reason maps to ({@link FailureKind#of(Reason)}).
     *
     * @param reason  what went wrong
     * @param message what to do about it, for a person
     * @param cause   the underlying failure, or null
     */
    public ConnectionsException(Reason reason, String message, @Nullable Throwable cause) {
        this(reason, FailureKind.of(reason), message, cause);
    }

    /**
     * For the connector's subtype: a failure of kind {@code failureKind} with the reason CONNECTOR.
     *
     * @param failureKind how the connector or its service failed
     * @param message     what to do about it, for a person
     * @param cause       the underlying failure, or null
     */
    protected ConnectionsException(FailureKind failureKind, String message, @Nullable Throwable cause) {
        this(Reason.CONNECTOR, failureKind, message, cause);
    }

    private ConnectionsException(Reason reason, FailureKind failureKind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.failureKind = Objects.requireNonNull(failureKind, "failureKind");
    }

    /** @return what went wrong, for programs */
    public Reason reason() {
        return reason;
    }

    /**
     * @return how it failed, in the terms a refresh's history uses: for {@link Reason#CONNECTOR} the connector's
     *         kind (AUTHENTICATION, RATE_LIMITED, ...), else the kind the reason maps to
     *         ({@link FailureKind#of(Reason)})
     */
    public FailureKind failureKind() {
        return failureKind;
    }

    /**
     * @param message what to do about it, for a person
     * @return an exception of reason INVALID_INPUT: the request is wrong; nothing was changed
     */
    public static ConnectionsException invalid(String message) {
        return new ConnectionsException(Reason.INVALID_INPUT, message);
    }

    /**
     * @param message what to do about it, for a person
     * @return an exception of reason NOT_FOUND: what was named does not exist
     */
    public static ConnectionsException notFound(String message) {
        return new ConnectionsException(Reason.NOT_FOUND, message);
    }

    /**
     * @param message what to do about it, for a person
     * @return an exception of reason ACCESS_DENIED: the caller may not do this
     */
    public static ConnectionsException denied(String message) {
        return new ConnectionsException(Reason.ACCESS_DENIED, message);
    }

    /**
     * @param message what to do about it, for a person
     * @return an exception of reason CONFLICT: the request conflicts with the current state
     */
    public static ConnectionsException conflict(String message) {
        return new ConnectionsException(Reason.CONFLICT, message);
    }
}
