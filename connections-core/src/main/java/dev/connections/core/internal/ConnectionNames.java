package dev.connections.core.internal;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.spi.storage.ConnectionStore;

/** The rule of a connection's name: not blank, and unique among its owner's connections whatever its case. */
public final class ConnectionNames {

    private ConnectionNames() {
    }

    /**
     * @param self the connection being renamed; null for a new one
     * @return the name, stripped
     * @throws ConnectionsException INVALID_INPUT for a blank name or one the owner already gave another connection
     */
    public static String check(ConnectionStore connections, Principal owner, String name, ConnectionId self) {
        if (name == null || name.isBlank()) {
            throw ConnectionsException.invalid("A connection needs a name, e.g. \"Pam's sales exports\".");
        }
        String trimmed = name.strip();
        boolean taken = connections.byOwner(owner).stream()
                .anyMatch(c -> c.name().equalsIgnoreCase(trimmed) && !c.id().equals(self));
        if (taken) {
            throw ConnectionsException.invalid("You already have a connection named \"" + trimmed
                    + "\"; choose another name.");
        }
        return trimmed;
    }
}
