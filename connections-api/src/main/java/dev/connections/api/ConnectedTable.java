package dev.connections.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The definition of a connected table: which source object it takes through which connection, and how. Immutable;
 * no component is null.
 *
 * @param id           stable id
 * @param app          the host application it belongs to
 * @param name         its name in the app
 * @param connection   the connection it reads through
 * @param service      the connector id of that connection
 * @param object       the source object (an sObject, an entity, a CSV file)
 * @param fields       the connected fields, in column order, with the type each column has
 * @param refreshKey   1 to 4 of the connected fields that together tell records apart
 * @param filter       which source records it takes
 * @param tableUpdates KEEP or REMOVE records that leave the source
 * @param schedule     when it refreshes by itself
 * @param createdBy    who created it
 * @param createdAt    when
 */
public record ConnectedTable(TableId id, String app, String name, ConnectionId connection, String service,
                             String object, List<SourceField> fields, List<String> refreshKey, Filter filter,
                             TableUpdates tableUpdates, RefreshSchedule schedule, Principal createdBy,
                             Instant createdAt) {

    /**
     * Copies the lists.
     *
     * @param id           stable id
     * @param app          the host application
     * @param name         its name in the app
     * @param connection   the connection it reads through
     * @param service      the connector id of that connection
     * @param object       the source object
     * @param fields       the connected fields, in column order
     * @param refreshKey   the refresh key fields
     * @param filter       which source records it takes
     * @param tableUpdates KEEP or REMOVE
     * @param schedule     when it refreshes by itself
     * @param createdBy    who created it
     * @param createdAt    when
     * @throws NullPointerException when any component is null
     */
    public ConnectedTable {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        refreshKey = List.copyOf(refreshKey);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(tableUpdates, "tableUpdates");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return the names of the connected fields, in column order */
    public List<String> fieldNames() {
        return fields.stream().map(SourceField::name).toList();
    }

    /** @return the column positions of the refresh key fields, in key order */
    public int[] keyColumns() {
        List<String> names = fieldNames();
        return refreshKey.stream().mapToInt(names::indexOf).toArray();
    }

    /**
     * @param newConnection the connection to read through
     * @return this table reading through another connection
     */
    public ConnectedTable withConnection(ConnectionId newConnection) {
        return new ConnectedTable(id, app, name, newConnection, service, object, fields, refreshKey, filter,
                tableUpdates, schedule, createdBy, createdAt);
    }

    /**
     * @param newFields the connected fields, in column order
     * @param newKey    the refresh key fields
     * @return this table with other connected fields and refresh key
     */
    public ConnectedTable withFields(List<SourceField> newFields, List<String> newKey) {
        return new ConnectedTable(id, app, name, connection, service, object, newFields, newKey, filter,
                tableUpdates, schedule, createdBy, createdAt);
    }

    /**
     * @param newFilter which source records to take
     * @return this table with another filter
     */
    public ConnectedTable withFilter(Filter newFilter) {
        return new ConnectedTable(id, app, name, connection, service, object, fields, refreshKey, newFilter,
                tableUpdates, schedule, createdBy, createdAt);
    }

    /**
     * @param newUpdates KEEP or REMOVE
     * @return this table with another table updates rule
     */
    public ConnectedTable withTableUpdates(TableUpdates newUpdates) {
        return new ConnectedTable(id, app, name, connection, service, object, fields, refreshKey, filter,
                newUpdates, schedule, createdBy, createdAt);
    }

    /**
     * @param newSchedule when to refresh by itself
     * @return this table with another schedule
     */
    public ConnectedTable withSchedule(RefreshSchedule newSchedule) {
        return new ConnectedTable(id, app, name, connection, service, object, fields, refreshKey, filter,
                tableUpdates, newSchedule, createdBy, createdAt);
    }
}
