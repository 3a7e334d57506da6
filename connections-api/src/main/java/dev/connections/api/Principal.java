package dev.connections.api;

import java.util.Objects;

/**
 * The host's user on whose behalf a call is made. Every service call names one; ownership of connections and the
 * right to change tables are decided by comparing principals.
 *
 * @param id the host's stable identifier for the user; never blank
 */
public record Principal(String id) {

    /**
     * @param id the host's identifier for the user; never blank
     * @throws IllegalArgumentException when it is blank
     */
    public Principal {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a principal id must not be blank");
        }
    }

    /**
     * @param id the host's identifier for the user; never blank
     * @return the principal
     * @throws IllegalArgumentException when it is blank
     */
    public static Principal of(String id) {
        return new Principal(id);
    }

    /** @return the id */
    @Override
    public String toString() {
        return id;
    }
}
