package dev.connections.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to create a connected table. Built with {@link #builder()}; checked against the source's schema when
 * the table is created.
 *
 * @param app          the host application it belongs to
 * @param name         its name in the app
 * @param connection   the caller's connection to read through
 * @param object       the source object
 * @param fields       the connected fields
 * @param refreshKey   1 to 4 connected fields; empty to take the source's natural id (e.g. Salesforce {@code Id})
 * @param fieldTypes   columns whose type the table fixes (only TEXT is accepted: keeps values as read)
 * @param filter       which records to take
 * @param tableUpdates what to do with records that leave the source
 * @param schedule     when to refresh by itself
 */
public record NewTable(String app, String name, ConnectionId connection, String object, List<String> fields,
                       List<String> refreshKey, Map<String, FieldType> fieldTypes, Filter filter,
                       TableUpdates tableUpdates, RefreshSchedule schedule) {

    public NewTable {
        fields = List.copyOf(fields);
        refreshKey = List.copyOf(refreshKey);
        fieldTypes = Map.copyOf(fieldTypes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewTable}; not thread-safe. */
    public static final class Builder {
        private String app;
        private String name;
        private ConnectionId connection;
        private String object;
        private final List<String> fields = new ArrayList<>();
        private final List<String> refreshKey = new ArrayList<>();
        private final Map<String, FieldType> fieldTypes = new LinkedHashMap<>();
        private Filter filter = Filter.all();
        private TableUpdates tableUpdates = TableUpdates.REMOVE;
        private RefreshSchedule schedule = RefreshSchedule.manual();

        private Builder() {
        }

        public Builder app(String value) {
            this.app = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder connection(ConnectionId value) {
            this.connection = value;
            return this;
        }

        public Builder object(String value) {
            this.object = value;
            return this;
        }

        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        public Builder fields(List<String> names) {
            fields.addAll(names);
            return this;
        }

        public Builder refreshKey(String... names) {
            refreshKey.addAll(List.of(names));
            return this;
        }

        /** Keeps a column as TEXT whatever type the source infers (e.g. zip codes, ids with leading zeros). */
        public Builder textField(String field) {
            fieldTypes.put(field, FieldType.TEXT);
            return this;
        }

        public Builder filter(Filter value) {
            this.filter = Objects.requireNonNull(value, "filter");
            return this;
        }

        public Builder tableUpdates(TableUpdates value) {
            this.tableUpdates = Objects.requireNonNull(value, "tableUpdates");
            return this;
        }

        public Builder schedule(RefreshSchedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        public NewTable build() {
            return new NewTable(app, name, connection, object, fields, refreshKey, fieldTypes, filter, tableUpdates,
                    schedule);
        }
    }
}
