package dev.connections.spi.storage;

/**
 * A table could not be stored: its creator has a table of that name in the app already. The engine answers the
 * caller with INVALID_INPUT; a storage throws it from {@link TableStore#insert}.
 */
public class TableNameTakenException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message says which app and name, never another user's */
    public TableNameTakenException(String message) {
        super(message);
    }

    /**
     * @param message says which app and name, never another user's
     * @param cause   what the storage saw (a unique index refused it)
     */
    public TableNameTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
