package dev.connections.jdbc;

import dev.connections.api.FieldType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/** What differs between the databases the storage supports: column types, null types, upserts, comparisons. */
enum Dialect {

    H2("h2"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** @throws JdbcStorageException naming the database when it is neither H2 nor PostgreSQL */
    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (product.equalsIgnoreCase("H2")) {
            return H2;
        }
        if (product.equalsIgnoreCase("PostgreSQL")) {
            return POSTGRESQL;
        }
        throw new JdbcStorageException("connections-jdbc supports H2 and PostgreSQL, but the DataSource leads to "
                + product + "; give it a DataSource of one of those, or implement Storage for your database and "
                + "prove it with the TCK's StorageContract");
    }

    /** @return the resource folder of its migration scripts, under {@code db/} */
    String folder() {
        return folder;
    }

    /**
     * @param key whether the column is part of the refresh key: a JSON key is text on PostgreSQL, since its json
     *            type has no equality
     * @return the column type of a field type in connected tables
     */
    String columnType(FieldType type, boolean key) {
        if (key && type == FieldType.JSON && this == POSTGRESQL) {
            return "text";
        }
        return switch (type) {
            case TEXT -> this == H2 ? "CHARACTER VARYING" : "text";
            case INTEGER -> "bigint";
            // H2's NUMERIC without a scale rounds to integers; DECFLOAT keeps every digit (not trailing zeros)
            case DECIMAL -> this == H2 ? "DECFLOAT" : "numeric";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case DATETIME -> this == H2 ? "TIMESTAMP(9) WITH TIME ZONE" : "timestamp with time zone";
            case TIME -> this == H2 ? "TIME(9)" : "time";
            // json, not jsonb: it keeps the text as the source gave it (jsonb reorders keys and spaces)
            case JSON -> this == H2 ? "CHARACTER VARYING" : "json";
        };
    }

    /** @return an expression that compares a column's values: json has no equality on PostgreSQL, its text has */
    String comparable(String column, FieldType type) {
        return type == FieldType.JSON && this == POSTGRESQL ? column + "::text" : column;
    }

    /** @return the {@link Types} constant to bind a null of a field type with */
    int sqlType(FieldType type) {
        return switch (type) {
            case TEXT -> Types.VARCHAR;
            case INTEGER -> Types.BIGINT;
            case DECIMAL -> Types.NUMERIC;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case DATETIME -> Types.TIMESTAMP_WITH_TIMEZONE;
            case TIME -> Types.TIME;
            case JSON -> this == H2 ? Types.VARCHAR : Types.OTHER;
        };
    }

    /**
     * @param table   the qualified table
     * @param columns quoted columns, the key first
     * @param keys    how many of them form the primary key
     * @return an INSERT of every column that replaces the row with the same key
     */
    String upsert(String table, List<String> columns, int keys) {
        String names = String.join(", ", columns);
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String keyNames = String.join(", ", columns.subList(0, keys));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + names + ") KEY (" + keyNames + ") VALUES (" + marks + ")";
        }
        String updates = columns.subList(keys, columns.size()).stream().map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT (" + keyNames
                + ") DO UPDATE SET " + updates;
    }
}
