package dev.connections.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database of one {@link JdbcStorage}: where connections come from, which dialect they speak and the schema the
 * storage's tables live in. Thread-safe; every operation takes its own connection and closes it.
 */
final class Database {

    /** An operation on an open connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String schema;
    private volatile boolean closed;

    Database(DataSource dataSource, Dialect dialect, String schema) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.schema = schema;
    }

    Dialect dialect() {
        return dialect;
    }

    String schema() {
        return schema;
    }

    /** @return a quoted identifier: double quotes around it, inner double quotes doubled */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** @return the qualified, quoted name of a table in the storage's schema */
    String table(String name) {
        return quote(schema) + "." + quote(name);
    }

    /** @return a new connection in auto-commit mode; the caller closes it */
    Connection open() throws SQLException {
        if (closed) {
            throw new IllegalStateException("this JdbcStorage is closed; open a new one to use the database again");
        }
        Connection connection = dataSource.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }

    /**
     * Runs work on a connection of its own in auto-commit mode.
     *
     * @param what what the work does, for the message of a failure ("save connection c-1")
     */
    <T> T call(String what, Work<T> work) {
        try (Connection connection = open()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T transaction(String what, Work<T> work) {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** @return an exception that says what failed and what to check */
    JdbcStorageException failure(String what, SQLException e) {
        return new JdbcStorageException("Could not " + what + " in the " + dialect.folder() + " database (schema "
                + schema + "): " + e.getMessage() + " [SQLState " + e.getSQLState() + "]. Check that the database "
                + "is reachable and that its user may read and write the schema.", e);
    }

    static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    void close() {
        closed = true;
    }
}
