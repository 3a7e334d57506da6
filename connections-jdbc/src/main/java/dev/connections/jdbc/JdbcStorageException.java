package dev.connections.jdbc;

import java.sql.SQLException;

/**
 * A failure of the database under a {@link JdbcStorage}: it could not be reached, refused a statement, or holds a
 * schema this library cannot use. The message says what the storage was doing and what to check; it never holds a
 * credential (connection secrets are ciphertext to the storage anyway).
 */
public class JdbcStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JdbcStorageException(String message) {
        super(message);
    }

    public JdbcStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return the SQLState of the database error behind this one, or null */
    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }
}
