package dev.connections.spi;

import dev.connections.api.ConnectionsException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure of a connector or its service. The engine decides from the {@link Kind} whether to retry and what
 * status the connection gets; the message is written for the person who owns the connection and names the fix.
 * Never put a credential in the message.
 */
public class ConnectorException extends ConnectionsException {

    private static final long serialVersionUID = 1L;

    /** What failed, for the engine. */
    public enum Kind {
        /** The credentials were refused: the owner must reauthorize. Not retried. */
        AUTHENTICATION,
        /** A requirement is missing (API access, admin rights, folder permissions). Not retried. */
        PERMISSION,
        /** The object, field or record does not exist. Not retried. */
        NOT_FOUND,
        /** The service asks to slow down; see {@link #retryAfter()}. Retried. */
        RATE_LIMITED,
        /** A transient failure (timeouts, 5xx). Retried. */
        UNAVAILABLE,
        /** The data is bad; see {@link #location()}. Not retried. */
        INVALID_DATA,
        /** The connection's settings cannot work. Not retried. */
        CONFIGURATION;

        /** @return whether the engine tries again: as the {@link #failureKind() failure kind} says */
        public boolean retriable() {
            return failureKind().retriable();
        }

        /** @return the kind a failed refresh records for it */
        public dev.connections.api.FailureKind failureKind() {
            return dev.connections.api.FailureKind.valueOf(name());
        }
    }

    private final Kind kind;
    private final @Nullable String location;
    private final @Nullable Duration retryAfter;

    /**
     * @param kind    what failed
     * @param message what to do about it, for the connection's owner; never a credential
     */
    public ConnectorException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    /**
     * @param kind    what failed
     * @param message what to do about it, for the connection's owner; never a credential
     * @param cause   the underlying failure, or null
     */
    public ConnectorException(Kind kind, String message, @Nullable Throwable cause) {
        this(kind, message, null, null, cause);
    }

    /**
     * @param kind       what failed
     * @param message    what to do about it, for the connection's owner; never a credential
     * @param location   where bad data was found (file and line, record id); may be null
     * @param retryAfter how long the service asked to wait; may be null
     * @param cause      the underlying failure, or null
     */
    public ConnectorException(Kind kind, String message, @Nullable String location, @Nullable Duration retryAfter,
                              @Nullable Throwable cause) {
        super(Objects.requireNonNull(kind, "kind").failureKind(), message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.location = location;
        this.retryAfter = retryAfter;
    }

    /**
     * @param location where the bad data is (file and line, record id)
     * @param message  what is wrong with it and how to fix it
     * @return an INVALID_DATA failure whose message starts with the location
     */
    public static ConnectorException invalidData(String location, String message) {
        return new ConnectorException(Kind.INVALID_DATA, location + ": " + message, location, null, null);
    }

    /** @return what failed */
    public Kind kind() {
        return kind;
    }

    /** @return where bad data was found; null when not about data */
    public @Nullable String location() {
        return location;
    }

    /** @return how long to wait before retrying; null when the service did not say */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
