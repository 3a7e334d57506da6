package dev.connections.core.internal;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.api.TableId;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.storage.StoredConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of a table definition against its source; each failure says what is wrong and how to fix it. */
public final class TableChecks {

    static final int MAX_KEY_FIELDS = 4;

    private final Shared shared;

    public TableChecks(Shared shared) {
        this.shared = shared;
    }

    public ConnectedTable newTable(Principal caller, NewTable r) {
        String app = required(r.app(), "an app");
        String name = required(r.name(), "a name");
        if (r.connection() == null) {
            throw ConnectionsException.invalid("A connected table needs a connection: one of yours, from "
                    + "connections().list().");
        }
        StoredConnection c = usable(caller, r.connection());
        String object = required(r.object(), "a source object (see connections().objects())");
        boolean taken = shared.storage().tables().byName(app, caller, name).isPresent();
        if (taken) {
            throw ConnectionsException.invalid("You already have a table named '" + name + "' in app '" + app
                    + "'; choose another name.");
        }
        SourceSchema schema = describe(c, object);
        List<SourceField> fields = fields(schema, r.fields(), r.fieldTypes());
        List<String> key = refreshKey(schema, fields, r.refreshKey());
        filter(r.filter(), fields);
        ConnectedTable table = new ConnectedTable(TableId.random(), app, name, c.id(), c.service(), object, fields, key,
                r.filter(), r.tableUpdates(), schedule(r.schedule()), caller, shared.clock().instant());
        return table;
    }

    public ConnectedTable withFields(Principal caller, ConnectedTable t, List<String> names, List<String> key) {
        StoredConnection c = usable(caller, t.connection());
        SourceSchema schema = describe(c, t.object());
        Map<String, FieldType> fixed = new java.util.HashMap<>();
        for (SourceField f : t.fields()) {
            if (names.contains(f.name()) && f.type() == FieldType.TEXT) {
                schema.field(f.name()).filter(s -> s.type() != f.type()).ifPresent(s -> fixed.put(f.name(), f.type()));
            }
        }
        List<SourceField> fields = fields(schema, names, fixed);
        List<String> newKey = refreshKey(schema, fields, key);
        filter(t.filter(), fields);
        return t.withFields(fields, newKey);
    }

    public ConnectedTable withFilter(ConnectedTable t, Filter filter) {
        if (filter == null) {
            throw ConnectionsException.invalid("Give a filter; Filter.all() takes every record.");
        }
        filter(filter, t.fields());
        return t.withFilter(filter);
    }

    public ConnectedTable switched(Principal caller, ConnectedTable t, ConnectionId target) {
        StoredConnection c = usable(caller, target);
        if (!c.service().equals(t.service())) {
            throw ConnectionsException.invalid("Table '" + t.name() + "' reads from the service '" + t.service()
                    + "'; connection '" + c.name() + "' is a '" + c.service() + "' connection. Choose a connection of "
                    + "the same service.");
        }
        SourceSchema schema = describe(c, t.object());
        List<String> problems = new ArrayList<>();
        for (SourceField f : t.fields()) {
            var there = schema.field(f.name());
            if (there.isEmpty()) {
                problems.add("'" + f.name() + "' is missing");
            } else if (there.get().type() != f.type() && f.type() != FieldType.TEXT) {
                problems.add("'" + f.name() + "' is " + there.get().type() + " there but " + f.type() + " here");
            }
        }
        if (!problems.isEmpty()) {
            throw ConnectionsException.invalid("Connection '" + c.name() + "' does not reach the same data for "
                    + t.object() + ": " + String.join(", ", problems) + ".");
        }
        return t.withConnection(c.id());
    }

    public RefreshSchedule schedule(RefreshSchedule schedule) {
        if (schedule == null) {
            throw ConnectionsException.invalid("Give a schedule; RefreshSchedule.manual() refreshes only on demand.");
        }
        if (schedule.shortestInterval().compareTo(shared.minimumInterval()) < 0) {
            throw ConnectionsException.invalid("The schedule '" + schedule + "' would refresh more often than the "
                    + "minimum interval of " + human(shared.minimumInterval()) + "; choose a longer interval.");
        }
        return schedule;
    }

    private StoredConnection usable(Principal caller, ConnectionId id) {
        StoredConnection c = shared.owned(caller, id);
        if (c.status() != ConnectionStatus.ACTIVE) {
            throw ConnectionsException.invalid("Connection '" + c.name() + "' is " + c.status()
                    + (c.statusReason() == null ? "" : " (" + c.statusReason() + ")")
                    + ": test and reauthorize it first.");
        }
        return c;
    }

    private SourceSchema describe(StoredConnection c, String object) {
        try (Sessions.Opened opened = Sessions.open(shared, c)) {
            return opened.session().describe(object);
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.NOT_FOUND) {
                throw new ConnectionsException(ConnectionsException.Reason.NOT_FOUND, e.getMessage(), e);
            }
            throw e;
        }
    }

    private static List<SourceField> fields(SourceSchema schema, List<String> names, Map<String, FieldType> fixed) {
        if (names.isEmpty()) {
            throw ConnectionsException.invalid("Choose the connected fields of " + schema.object() + " from: "
                    + schema.fieldNames() + ".");
        }
        List<SourceField> fields = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw ConnectionsException.invalid("The field '" + n + "' is connected twice; list each field once.");
            }
            schema.field(n).ifPresentOrElse(f -> fields.add(f), () -> unknown.add(n));
        }
        if (!unknown.isEmpty()) {
            throw ConnectionsException.invalid("Unknown field(s) " + unknown + " in " + schema.object()
                    + ". Its fields are: " + schema.fieldNames() + ".");
        }
        for (Map.Entry<String, FieldType> e : fixed.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                throw ConnectionsException.invalid("The field '" + e.getKey() + "' has a fixed type but is not a "
                        + "connected field; connect it or drop its type.");
            }
            if (e.getValue() != FieldType.TEXT && e.getValue() != fields.get(i).type()) {
                throw ConnectionsException.invalid("The field '" + e.getKey() + "' can be kept as TEXT, not made "
                        + e.getValue() + ".");
            }
            fields.set(i, fields.get(i).withType(e.getValue()));
        }
        return fields;
    }

    private static List<String> refreshKey(SourceSchema schema, List<SourceField> fields, List<String> key) {
        List<String> chosen = key.isEmpty() ? schema.naturalKey() : key;
        List<String> names = fields.stream().map(SourceField::name).toList();
        if (chosen.isEmpty()) {
            throw ConnectionsException.invalid("Choose a refresh key: 1 to " + MAX_KEY_FIELDS + " connected fields "
                    + "whose values together are unique and never blank (e.g. an order number).");
        }
        if (chosen.size() > MAX_KEY_FIELDS) {
            throw ConnectionsException.invalid("A refresh key has at most " + MAX_KEY_FIELDS + " fields, not "
                    + chosen.size() + ": " + chosen + ".");
        }
        if (new HashSet<>(chosen).size() != chosen.size()) {
            throw ConnectionsException.invalid("The refresh key " + chosen + " names a field twice.");
        }
        for (String k : chosen) {
            int i = names.indexOf(k);
            if (i < 0) {
                throw ConnectionsException.invalid("The refresh key field '" + k + "' is not a connected field; "
                        + "connect it too. Connected fields: " + names + ".");
            }
            if (fields.get(i).type() == FieldType.JSON) {
                throw ConnectionsException.invalid("The refresh key field '" + k + "' holds compound (JSON) values; "
                        + "choose a field of simple values.");
            }
        }
        return chosen;
    }

    private static void filter(Filter filter, List<SourceField> fields) {
        List<String> names = fields.stream().map(SourceField::name).toList();
        for (String f : filter.fields()) {
            if (!names.contains(f)) {
                throw ConnectionsException.invalid("The filter uses '" + f + "', which is not a connected field. "
                        + "Filter on connected fields " + names + ", or connect '" + f + "' too.");
            }
        }
        filter.compile(fields);
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw ConnectionsException.invalid("A connected table needs " + what + ".");
        }
        return value.strip();
    }

    private static String human(java.time.Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " hour(s)" : d.toMinutes() + " minute(s)";
    }
}
