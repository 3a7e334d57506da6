package dev.connections.spi.storage;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import dev.connections.api.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Definitions of connected tables, and when each one's next scheduled refresh is due. Implementations MUST be
 * thread-safe, and answer {@link #dueBy}, {@link #earliestDue}, {@link #byName} and {@link #byConnection} from an
 * index (a host may have tens of thousands of tables; the scheduler asks on every wake).
 *
 * <p>The due time is the engine's: it computes it when a table is created, its schedule changes, or a refresh starts
 * or ends, and stores it here, always whole milliseconds. A storage only keeps it (to at least the millisecond),
 * orders by it and compares it; it never computes one. On a database shared by several instances, {@link #moveDue} is
 * what lets exactly one of them claim a due refresh.
 */
public interface TableStore {

    /**
     * Stores a new table. Names are unique per app and creator (compared by {@link #foldName}), decided here, so that
     * two instances creating one name at once cannot both succeed.
     *
     * @param table the table
     * @param due   when its first scheduled refresh is due; null when it has none (a manual schedule)
     * @throws IllegalStateException when the id exists already
     * @throws TableNameTakenException when the creator has a table of that name in the app already
     */
    void insert(ConnectedTable table, @Nullable Instant due);

    /**
     * Stores a new table that has no scheduled refresh.
     *
     * @param table the table
     * @throws IllegalStateException when the id exists already
     * @throws TableNameTakenException when the creator has a table of that name in the app already
     */
    default void insert(ConnectedTable table) {
        insert(table, null);
    }

    /**
     * Replaces the definition with the same id; its due time stays as it is.
     *
     * @param table the table as it is now
     * @throws IllegalStateException when there is none
     */
    void update(ConnectedTable table);

    /**
     * @param id a table's id
     * @return the table, or empty when there is none
     */
    Optional<ConnectedTable> get(TableId id);

    /** @return every table, oldest first (by creation time, then by insertion) */
    List<ConnectedTable> all();

    /**
     * Table names are unique among the tables one principal created in one app (so that a name taken by another
     * user's table never tells anyone that table exists).
     *
     * @param app       an app
     * @param createdBy who created the table
     * @param name      a table name, compared as {@link String#equalsIgnoreCase} compares (see {@link #foldName})
     * @return the table of that app and creator with that name; empty when there is none
     */
    Optional<ConnectedTable> byName(String app, Principal createdBy, String name);

    /**
     * @param connection a connection's id
     * @return the tables that read through it, oldest first
     */
    List<ConnectedTable> byConnection(ConnectionId connection);

    /**
     * Removes the definition and its due time; nothing happens when it does not exist.
     *
     * @param id the table's id
     */
    void delete(TableId id);

    /**
     * Sets when a table's next scheduled refresh is due. Nothing happens for an unknown table.
     *
     * @param id  the table's id
     * @param due the time; null for none (a manual schedule)
     */
    void setDue(TableId id, @Nullable Instant due);

    /**
     * Changes a table's due time only if it is still {@code expected}, atomically (one compare-and-set; on a shared
     * database, one statement): of several instances that saw the same due refresh, exactly one moves it.
     *
     * @param id       the table's id
     * @param expected the due time the caller read; never null
     * @param due      the new due time; null for none
     * @return true when this call moved it; false when the table is gone or its due time was not {@code expected}
     */
    boolean moveDue(TableId id, Instant expected, @Nullable Instant due);

    /**
     * @param id the table's id
     * @return when the table's next scheduled refresh is due; empty when it has none or there is no such table
     */
    Optional<Instant> due(TableId id);

    /**
     * @param now   the engine's current time
     * @param limit the most to return, at least 1
     * @return tables due at or before {@code now}, the earliest due first (ties by table id)
     */
    List<DueRefresh> dueBy(Instant now, int limit);

    /** @return the earliest due time of all tables; empty when no table has one */
    Optional<Instant> earliestDue();

    /**
     * The form in which table names are compared: each character upper-cased then lower-cased, as
     * {@link String#equalsIgnoreCase} compares them, independent of the default locale. A storage that indexes
     * names stores this form.
     *
     * @param name a table name
     * @return its folded form
     */
    static String foldName(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            folded.append(Character.toLowerCase(Character.toUpperCase(name.charAt(i))));
        }
        return folded.toString();
    }
}
