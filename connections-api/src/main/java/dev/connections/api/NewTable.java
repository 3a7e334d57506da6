package dev.connections.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to create a connected table. Built with {@link #builder()}; checked against the source's schema when
 * the table is created. Its app, name, connection and object are null when the builder was not given them; creating
 * the table then fails with INVALID_INPUT saying which is missing.
 *
 * @param app          the host application it belongs to; null when not given
 * @param name         its name in the app; null when not given
 * @param connection   the caller's connection to read through; null when not given
 * @param object       the source object; null when not given
 * @param fields       the connected fields
 * @param refreshKey   1 to 4 connected fields; empty to take the source's natural id (e.g. Salesforce {@code Id})
 * @param fieldTypes   columns whose type the table fixes (only TEXT is accepted: keeps values as read)
 * @param filter       which records to take
 * @param tableUpdates what to do with records that leave the source
 * @param schedule     when to refresh by itself
 */
public record NewTable(@Nullable String app, @Nullable String name, @Nullable ConnectionId connection,
                       @Nullable String object, List<String> fields, List<String> refreshKey,
                       Map<String, FieldType> fieldTypes, Filter filter, TableUpdates tableUpdates,
                       RefreshSchedule schedule) {

    /**
     * Copies the lists and the map.
     *
     * @param app          the host application; null when not given
     * @param name         its name in the app; null when not given
     * @param connection   the connection to read through; null when not given
     * @param object       the source object; null when not given
     * @param fields       the connected fields
     * @param refreshKey   the refresh key fields; empty for the source's natural id
     * @param fieldTypes   columns whose type the table fixes
     * @param filter       which records to take
     * @param tableUpdates what to do with records that leave the source
     * @param schedule     when to refresh by itself
     */
    public NewTable {
        fields = List.copyOf(fields);
        refreshKey = List.copyOf(refreshKey);
        fieldTypes = Map.copyOf(fieldTypes);
    }

    /** @return a builder with no fields, the filter {@link Filter#all()}, REMOVE and a manual schedule */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewTable}; not thread-safe. */
    public static final class Builder {
        private @Nullable String app;
        private @Nullable String name;
        private @Nullable ConnectionId connection;
        private @Nullable String object;
        private final List<String> fields = new ArrayList<>();
        private final List<String> refreshKey = new ArrayList<>();
        private final Map<String, FieldType> fieldTypes = new LinkedHashMap<>();
        private Filter filter = Filter.all();
        private TableUpdates tableUpdates = TableUpdates.REMOVE;
        private RefreshSchedule schedule = RefreshSchedule.manual();

        private Builder() {
        }

        /**
         * @param value the host application (or app id) the table belongs to
         * @return this
         */
        public Builder app(String value) {
            this.app = value;
            return this;
        }

        /**
         * @param value the table's name in the app, unique per app and creator
         * @return this
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * @param value the caller's connection to read through
         * @return this
         */
        public Builder connection(ConnectionId value) {
            this.connection = value;
            return this;
        }

        /**
         * @param value the source object, one of the connection's objects
         * @return this
         */
        public Builder object(String value) {
            this.object = value;
            return this;
        }

        /**
         * Adds connected fields, in column order.
         *
         * @param names source field names
         * @return this
         */
        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        /**
         * Adds connected fields, in column order.
         *
         * @param names source field names
         * @return this
         */
        public Builder fields(List<String> names) {
            fields.addAll(names);
            return this;
        }

        /**
         * Adds refresh key fields; none given takes the source's natural id.
         *
         * @param names 1 to 4 connected fields in all
         * @return this
         */
        public Builder refreshKey(String... names) {
            refreshKey.addAll(List.of(names));
            return this;
        }

        /**
         * Keeps a column as TEXT whatever type the source infers (e.g. zip codes, ids with leading zeros).
         *
         * @param field a connected field
         * @return this
         */
        public Builder textField(String field) {
            fieldTypes.put(field, FieldType.TEXT);
            return this;
        }

        /**
         * @param value which records to take; default {@link Filter#all()}
         * @return this
         */
        public Builder filter(Filter value) {
            this.filter = Objects.requireNonNull(value, "filter");
            return this;
        }

        /**
         * @param value what to do with records that leave the source; default REMOVE
         * @return this
         */
        public Builder tableUpdates(TableUpdates value) {
            this.tableUpdates = Objects.requireNonNull(value, "tableUpdates");
            return this;
        }

        /**
         * @param value when to refresh by itself; default {@link RefreshSchedule#manual()}
         * @return this
         */
        public Builder schedule(RefreshSchedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /** @return the request; checked only when the table is created */
        public NewTable build() {
            return new NewTable(app, name, connection, object, fields, refreshKey, fieldTypes, filter, tableUpdates,
                    schedule);
        }
    }
}
