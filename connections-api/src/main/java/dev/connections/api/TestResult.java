package dev.connections.api;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of testing a connection.
 *
 * @param at      when the test finished; never null
 * @param ok      whether the credentials work and the service's requirements are met
 * @param account the account reached (an org id, a realm id, a folder) when ok; may be null otherwise
 * @param message what was found, written for the connection's owner; never null
 */
public record TestResult(Instant at, boolean ok, @Nullable String account, String message) {

    /**
     * @param at      when the test finished
     * @param ok      whether the connection works
     * @param account the account reached; may be null when not ok
     * @param message what was found, for the owner
     * @throws NullPointerException when {@code at} or {@code message} is null
     */
    public TestResult {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
