package dev.connections.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A connection as its owner sees it in "My Connections". Only the owner ever receives one.
 *
 * @param id        stable id
 * @param service   the connector id, e.g. {@code csv}
 * @param name      the owner's name for it
 * @param owner     who owns it
 * @param status    whether it can be used
 * @param account   the account it reaches (org id, realm id, folder); null until known
 * @param createdAt when it was created
 * @param lastTest  the last test and its result; null if never tested
 * @param settings  its non-secret settings; secret settings are never shown
 * @param tables    the connected tables that use it
 */
public record Connection(ConnectionId id, String service, String name, Principal owner, ConnectionStatus status,
                         @Nullable String account, Instant createdAt, @Nullable TestResult lastTest,
                         Map<String, String> settings, List<TableRef> tables) {

    /**
     * Copies the settings and tables.
     *
     * @param id        stable id
     * @param service   the connector id
     * @param name      the owner's name for it
     * @param owner     who owns it
     * @param status    whether it can be used
     * @param account   the account it reaches; null until known
     * @param createdAt when it was created
     * @param lastTest  the last test; null if never tested
     * @param settings  its non-secret settings
     * @param tables    the connected tables that use it
     * @throws NullPointerException when any but {@code account} and {@code lastTest} is null
     */
    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        settings = Map.copyOf(settings);
        tables = List.copyOf(tables);
    }

    /**
     * A table that uses a connection.
     *
     * @param id   the table
     * @param app  the host application (or app id) it belongs to
     * @param name its name
     */
    public record TableRef(TableId id, String app, String name) {
    }
}
