package dev.connections.core.internal;

import dev.connections.api.Connection;
import dev.connections.spi.storage.StoredConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place a host's {@link Connection} is made from a {@link StoredConnection}: what the host is shown of a
 * connection (never a secret setting) and the tables that use it.
 */
public final class ConnectionView {

    private ConnectionView() {
    }

    /** @return the connection as a host sees it: no secret setting, with the tables that use it */
    public static Connection of(Shared shared, StoredConnection c) {
        Set<String> secretKeys = shared.connectors().all().stream()
                .filter(k -> k.descriptor().id().equals(c.service()))
                .flatMap(k -> ConnectionSettings.secretKeys(k.descriptor()).stream()).collect(Collectors.toSet());
        Map<String, String> shown = new LinkedHashMap<>(c.settings());
        shown.keySet().removeAll(secretKeys);
        List<Connection.TableRef> tables = shared.storage().tables().byConnection(c.id()).stream()
                .map(t -> new Connection.TableRef(t.id(), t.app(), t.name())).toList();
        return new Connection(c.id(), c.service(), c.name(), c.owner(), c.status(), c.account(), c.createdAt(),
                c.lastTest(), shown, tables);
    }
}
