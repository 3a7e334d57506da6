package dev.connections.api;

import org.jspecify.annotations.Nullable;

/**
 * The host's rules for who may act on a connected table beyond what ownership already decides. Connection
 * operations, and changes of connected fields, refresh key and filter, always take the owner of the connection;
 * this policy decides the rest. Implementations MUST be thread-safe.
 *
 * <p>{@code connectionOwner} is null when the table's connection was deleted: then the default lets only the table's
 * creator act on it (switch it to a connection of theirs, say), never whoever happens to ask.
 *
 * <p>A principal whom {@link #canView} refuses, and who may not do what they ask either, gets the same NOT_FOUND answer
 * as for a table that does not exist: they learn neither that it exists nor its name.
 */
public interface AccessPolicy {

    /** The default: the table's creator and the connection's owner may do everything the policy decides. */
    AccessPolicy CREATOR_OR_CONNECTION_OWNER = new AccessPolicy() {
    };

    /**
     * @param who             the caller
     * @param table           the table they act on
     * @param connectionOwner the owner of the table's connection; null when that connection was deleted
     * @return whether {@code who} may see the table's details, history and rows
     */
    default boolean canView(Principal who, ConnectedTable table, @Nullable Principal connectionOwner) {
        return who.equals(table.createdBy()) || who.equals(connectionOwner);
    }

    /**
     * @param who             the caller
     * @param table           the table they act on
     * @param connectionOwner the owner of the table's connection; null when that connection was deleted
     * @return whether {@code who} may refresh the table on demand
     */
    default boolean canRefresh(Principal who, ConnectedTable table, @Nullable Principal connectionOwner) {
        return canView(who, table, connectionOwner);
    }

    /**
     * @param who             the caller
     * @param table           the table they act on
     * @param connectionOwner the owner of the table's connection; null when that connection was deleted
     * @return whether {@code who} may change the schedule or the table updates rule (an app admin, say)
     */
    default boolean canChangeSchedule(Principal who, ConnectedTable table, @Nullable Principal connectionOwner) {
        return who.equals(table.createdBy()) || who.equals(connectionOwner);
    }

    /**
     * @param who             the caller
     * @param table           the table they act on
     * @param connectionOwner the owner of the table's connection; null when that connection was deleted
     * @return whether {@code who} may move the table to another connection (which must be {@code who}'s own; the
     *         engine checks that)
     */
    default boolean canSwitchConnection(Principal who, ConnectedTable table, @Nullable Principal connectionOwner) {
        return who.equals(table.createdBy()) || who.equals(connectionOwner);
    }

    /**
     * @param who             the caller
     * @param table           the table they act on
     * @param connectionOwner the owner of the table's connection; null when that connection was deleted
     * @return whether {@code who} may delete the table
     */
    default boolean canDelete(Principal who, ConnectedTable table, @Nullable Principal connectionOwner) {
        return who.equals(table.createdBy()) || who.equals(connectionOwner);
    }
}
