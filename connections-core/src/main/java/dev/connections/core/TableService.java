package dev.connections.core;

import dev.connections.api.AccessPolicy;
import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableDetails;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.internal.RefreshEngine;
import dev.connections.core.internal.Shared;
import dev.connections.core.internal.TableChecks;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.StoredConnection;
import dev.connections.spi.storage.TableNameTakenException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Connected tables: create, view, change, switch, delete and refresh them. Changing connected fields, the refresh
 * key or the filter takes the owner of the table's connection; the schedule and table updates whoever the host's
 * {@link dev.connections.api.AccessPolicy} allows. Thread-safe.
 */
public final class TableService {

    private final Shared shared;
    private final TableChecks checks;
    private final RefreshEngine refreshes;
    private final Executor pool;

    TableService(Shared shared, RefreshEngine refreshes, Executor pool) {
        this.shared = shared;
        this.checks = new TableChecks(shared);
        this.refreshes = refreshes;
        this.pool = pool;
    }

    /**
     * Creates a connected table on one of the caller's connections. The object, connected fields, refresh key,
     * filter and schedule are checked against the source; nothing is stored when a check fails.
     *
     * @return the table; it has no rows until its first refresh
     */
    public ConnectedTable create(Principal caller, NewTable request) {
        ConnectedTable table = checks.newTable(caller, request);
        try {
            shared.storage().tables().insert(table, shared.agenda().firstDue(table));
        } catch (TableNameTakenException e) {
            // another create of the same name got there first (another thread or instance)
            throw ConnectionsException.invalid("You already have a table named '" + table.name() + "' in app '"
                    + table.app() + "'; choose another name.");
        }
        shared.storage().data().define(table);
        shared.agenda().created();
        return table;
    }

    /** @return the tables the caller may see, oldest first */
    public List<ConnectedTable> list(Principal caller) {
        Map<ConnectionId, Optional<Principal>> owners = new HashMap<>();
        return shared.storage().tables().all().stream()
                .filter(t -> shared.policy().canView(caller, t, owners.computeIfAbsent(t.connection(),
                        c -> Optional.ofNullable(ownerOf(t))).orElse(null))).toList();
    }

    /** @return service, connection and its owner, connected fields, filter, schedule, status and runs */
    public TableDetails details(Principal caller, TableId id) {
        ConnectedTable t = visible(caller, id);
        Optional<StoredConnection> c = shared.storage().connections().get(t.connection());
        RefreshRun last = shared.storage().history().recent(id, 1).stream().findFirst().orElse(null);
        RefreshRun success = shared.storage().history().latest(id, RefreshStatus.SUCCEEDED).orElse(null);
        return new TableDetails(t, c.map(StoredConnection::name).orElse("(deleted connection)"),
                c.map(StoredConnection::owner).orElse(null),
                c.map(StoredConnection::status).orElse(ConnectionStatus.NEEDS_REAUTHORIZATION), last, success,
                shared.storage().tables().due(id).orElse(null), shared.storage().data().count(id));
    }

    /** @return up to {@code limit} recent refreshes, newest first */
    public List<RefreshRun> history(Principal caller, TableId id, int limit) {
        visible(caller, id);
        if (limit < 1) {
            throw ConnectionsException.invalid("The history limit must be at least 1, not " + limit + ".");
        }
        return shared.storage().history().recent(id, limit);
    }

    /**
     * Streams the table's rows as of its last successful refresh, aligned with its connected fields. The caller
     * closes the stream.
     */
    public Stream<Object[]> rows(Principal caller, TableId id) {
        // aligned with the stored definition, also while a change of it that stopped half-way awaits the next refresh
        return shared.storage().data().rows(visible(caller, id));
    }

    /**
     * Changes the connected fields and the refresh key; the next refresh is a full one. Takes the owner of the
     * table's connection.
     *
     * @param refreshKey 1 to 4 of the fields; empty to use the source's natural id
     */
    public ConnectedTable updateFields(Principal caller, TableId id, List<String> fields, List<String> refreshKey) {
        return redefine(caller, id, true, t -> checks.withFields(caller, t, fields, refreshKey));
    }

    /** Changes the filter; the next refresh is a full one. Takes the owner of the table's connection. */
    public ConnectedTable updateFilter(Principal caller, TableId id, Filter filter) {
        return redefine(caller, id, true, t -> checks.withFilter(t, filter));
    }

    /** Changes the schedule; allowed by the host's policy (app admins, say). */
    @SuppressWarnings("try") // the lease is held for the block's scope, never named in it
    public ConnectedTable updateSchedule(Principal caller, TableId id, RefreshSchedule schedule) {
        ConnectedTable t = permitted(caller, id, AccessPolicy::canChangeSchedule, "change the schedule of");
        RefreshSchedule checked = checks.schedule(schedule);
        try (Lease lease = lease(t)) {
            ConnectedTable changed = table(id).withSchedule(checked);
            shared.storage().tables().update(changed);
            shared.agenda().scheduleChanged(changed, shared.storage().history().recent(id, 1).stream().findFirst()
                    .orElse(null));
            return changed;
        } finally {
            shared.agenda().wake();
        }
    }

    /** Changes what refreshes do with records that leave the source; the next refresh is a full one. */
    public ConnectedTable updateTableUpdates(Principal caller, TableId id, TableUpdates updates) {
        if (updates == null) {
            throw ConnectionsException.invalid("Give the table updates: TableUpdates.KEEP or TableUpdates.REMOVE.");
        }
        permitted(caller, id, AccessPolicy::canChangeSchedule, "change the table updates of");
        return redefine(caller, id, false, x -> x.withTableUpdates(updates));
    }

    /**
     * Moves a table to another connection of the same service, which must be the caller's own and reach the same
     * data: every connected field must exist there with the same type. The next refresh is a full one.
     */
    public ConnectedTable switchConnection(Principal caller, TableId id, ConnectionId target) {
        permitted(caller, id, AccessPolicy::canSwitchConnection, "switch the connection of");
        return redefine(caller, id, false, x -> checks.switched(caller, x, target));
    }

    /** Deletes the table, its rows and its history. */
    @SuppressWarnings("try") // the lease is held for the block's scope, never named in it
    public void delete(Principal caller, TableId id) {
        ConnectedTable t = permitted(caller, id, AccessPolicy::canDelete, "delete");
        try (Lease lease = lease(t)) {
            // the definition last: a process that stops in between leaves the table, which refreshes (its storage
            // is defined again) and can be deleted again, never rows or history that no table owns
            shared.storage().history().deleteTable(id);
            shared.storage().data().drop(id);
            shared.storage().tables().delete(id);
        }
    }

    /**
     * Refreshes the table now, on this thread.
     *
     * @return the run as kept in the history; a failed refresh is a FAILED run, not an exception
     * @throws ConnectionsException CONFLICT when a refresh of the table is already running
     */
    public RefreshRun refresh(Principal caller, TableId id) {
        checkRefresh(caller, id);
        return refreshes.refresh(id, RefreshRun.Trigger.MANUAL);
    }

    /** Like {@link #refresh} on the SDK's refresh pool. */
    public CompletableFuture<RefreshRun> refreshAsync(Principal caller, TableId id) {
        checkRefresh(caller, id);
        return CompletableFuture.supplyAsync(() -> refreshes.refresh(id, RefreshRun.Trigger.MANUAL), pool);
    }

    private void checkRefresh(Principal caller, TableId id) {
        permitted(caller, id, AccessPolicy::canRefresh, "refresh");
    }

    @SuppressWarnings("try") // the lease is held for the block's scope, never named in it
    private ConnectedTable redefine(Principal caller, TableId id, boolean ownerOnly,
                                    UnaryOperator<ConnectedTable> change) {
        ConnectedTable t = ownerOnly ? visible(caller, id) : table(id);
        if (ownerOnly) {
            Principal owner = ownerOf(t);
            if (!caller.equals(owner)) {
                throw ConnectionsException.denied("Only the owner of the table's connection can change the connected "
                        + "fields, refresh key or filter of table '" + t.name() + "'.");
            }
        }
        try (Lease lease = lease(t)) {
            ConnectedTable changed = change.apply(table(id));
            // storage first: if the process stops in between, the old definition meets data without a cursor and
            // its next refresh is a full one, never an incremental one under a definition it was not read with;
            // that refresh defines the data again to the stored definition when they differ (TableData.begin)
            shared.storage().data().define(changed);
            shared.storage().tables().update(changed);
            return changed;
        }
    }

    private Lease lease(ConnectedTable t) {
        return shared.tryTableLease(t.id()).orElseThrow(() -> ConnectionsException.conflict("Table '" + t.name()
                + "' is being refreshed; try again when the refresh has finished."));
    }

    private ConnectedTable visible(Principal caller, TableId id) {
        return permitted(caller, id, AccessPolicy::canView, "see");
    }

    /** One decision of the host's {@link AccessPolicy}. */
    @FunctionalInterface
    private interface Permission {
        boolean allows(AccessPolicy policy, Principal who, ConnectedTable table, Principal connectionOwner);
    }

    /**
     * @param action what the caller wants to do, for the message of a refusal ("delete")
     * @return the table, if the policy lets the caller do this to it
     * @throws ConnectionsException NOT_FOUND when the table does not exist or the caller may not see it (the same
     *                              answer, so nobody learns which ids exist or what another user's tables are
     *                              called); ACCESS_DENIED when the caller sees the table but may not do this
     */
    private ConnectedTable permitted(Principal caller, TableId id, Permission permission, String action) {
        ConnectedTable t = shared.storage().tables().get(id).orElseThrow(() -> unseen(id));
        Principal owner = ownerOf(t);
        if (permission.allows(shared.policy(), caller, t, owner)) {
            return t;
        }
        if (!shared.policy().canView(caller, t, owner)) {
            throw unseen(id);
        }
        throw ConnectionsException.denied("You may not " + action + " table '" + t.name() + "'.");
    }

    private static ConnectionsException unseen(TableId id) {
        return ConnectionsException.notFound("You have no connected table " + id + ". Use one from tables().list().");
    }

    private ConnectedTable table(TableId id) {
        return shared.storage().tables().get(id).orElseThrow(() -> unseen(id));
    }

    private Principal ownerOf(ConnectedTable t) {
        return shared.storage().connections().get(t.connection()).map(StoredConnection::owner).orElse(null);
    }
}
