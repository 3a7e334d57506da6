package dev.connections.jdbc;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.storage.DueRefresh;
import dev.connections.spi.storage.TableNameTakenException;
import dev.connections.spi.storage.TableStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Definitions of connected tables in {@code connected_table}: fields and refresh key in {@link TextCodec}'s form,
 * filter and schedule in their own text forms; beside them the folded name ({@code name_key}, see
 * {@link TableStore#foldName}, computed here) and the due time of the next scheduled refresh ({@code next_due}),
 * both indexed. Thread-safe.
 */
final class JdbcTableStore implements TableStore {

    private static final String COLUMNS = "\"app\", \"name\", \"connection_id\", \"service\", \"object\", "
            + "\"fields\", \"refresh_key\", \"filter\", \"table_updates\", \"schedule\", \"created_by\", "
            + "\"created_at\", \"id\"";

    private final Database db;
    private final String table;
    /** Ties of due times go by id in the order of {@link String#compareTo}, whatever the database's collation. */
    private final String idOrder;

    JdbcTableStore(Database db) {
        this.db = db;
        this.table = db.table("connected_table");
        this.idOrder = db.dialect() == Dialect.POSTGRESQL ? "\"id\" COLLATE \"C\"" : "\"id\"";
    }

    /**
     * Folds, in Java, the names that the V2 migration left unfolded: those with a character outside printable
     * ASCII, where SQL's case mapping is not {@link TableStore#foldName}'s (PostgreSQL's depends on the database's
     * locale; H2 lower-cases 'İ' to two characters). Called on every start; after the first one it finds nothing.
     */
    void foldUnfoldedNames() {
        db.call("fold the names of the tables", c -> {
            Map<String, String> names = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT \"id\", \"name\" FROM " + table
                    + " WHERE \"name_key\" IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
            if (names.isEmpty()) {
                return 0;
            }
            // only where still unfolded: an update() of another instance meanwhile wrote the key of the new name
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"name_key\" = ? "
                    + "WHERE \"id\" = ? AND \"name_key\" IS NULL")) {
                for (Map.Entry<String, String> e : names.entrySet()) {
                    ps.setString(1, TableStore.foldName(e.getValue()));
                    ps.setString(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return names.size();
        });
    }

    @Override
    public void insert(ConnectedTable t, Instant due) {
        db.call("save table " + t.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ", "
                    + "\"name_key\", \"next_due\") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, t);
                ps.setString(13, t.id().value());
                ps.setString(14, TableStore.foldName(t.name()));
                SqlValues.setInstant(ps, 15, due);
                return ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    if (exists(c, t.id())) {
                        throw new IllegalStateException("a table with id " + t.id() + " exists already; use "
                                + "update() to change it", e);
                    }
                    throw new TableNameTakenException("app " + t.app() + " has a table named '" + t.name()
                            + "' of this creator already", e);
                }
                throw e;
            }
        });
    }

    private boolean exists(java.sql.Connection c, TableId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE \"id\" = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void update(ConnectedTable t) {
        int changed = db.call("save table " + t.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"app\" = ?, \"name\" = ?, "
                    + "\"connection_id\" = ?, \"service\" = ?, \"object\" = ?, \"fields\" = ?, \"refresh_key\" = ?, "
                    + "\"filter\" = ?, \"table_updates\" = ?, \"schedule\" = ?, \"created_by\" = ?, "
                    + "\"created_at\" = ?, \"name_key\" = ? WHERE \"id\" = ?")) {
                bind(ps, t);
                ps.setString(13, TableStore.foldName(t.name()));
                ps.setString(14, t.id().value());
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new IllegalStateException("there is no table with id " + t.id() + " to update; use insert() for "
                    + "a new one");
        }
    }

    /** Binds the definition's columns but the id: parameters 1 to 12, in the order of {@link #COLUMNS}. */
    private static void bind(PreparedStatement ps, ConnectedTable t) throws SQLException {
        ps.setString(1, t.app());
        ps.setString(2, t.name());
        ps.setString(3, t.connection().value());
        ps.setString(4, t.service());
        ps.setString(5, t.object());
        ps.setString(6, TextCodec.encodeFields(t.fields()));
        ps.setString(7, TextCodec.encode(t.refreshKey()));
        ps.setString(8, t.filter().toString());
        ps.setString(9, t.tableUpdates().name());
        ps.setString(10, t.schedule().toString());
        ps.setString(11, t.createdBy().id());
        SqlValues.setInstant(ps, 12, t.createdAt());
    }

    @Override
    public Optional<ConnectedTable> get(TableId id) {
        return query("read table " + id, "\"id\" = ?", id.value()).stream().findFirst();
    }

    @Override
    public List<ConnectedTable> all() {
        return query("read the tables", "1 = 1 ORDER BY \"created_at\", \"seq\"");
    }

    @Override
    public Optional<ConnectedTable> byName(String app, Principal createdBy, String name) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        return query("read table '" + name + "' of app " + app, "\"app\" = ? AND \"created_by\" = ? AND "
                + "\"name_key\" = ? ORDER BY \"created_at\", \"seq\"", app, createdBy.id(), TableStore.foldName(name))
                .stream().findFirst();
    }

    @Override
    public List<ConnectedTable> byConnection(ConnectionId connection) {
        return query("read the tables of connection " + connection, "\"connection_id\" = ? ORDER BY "
                + "\"created_at\", \"seq\"", connection.value());
    }

    @Override
    public void delete(TableId id) {
        db.call("delete table " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"id\" = ?")) {
                ps.setString(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void setDue(TableId id, Instant due) {
        db.call("set when table " + id + " is due", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"next_due\" = ? "
                    + "WHERE \"id\" = ?")) {
                SqlValues.setInstant(ps, 1, due);
                ps.setString(2, id.value());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean moveDue(TableId id, Instant expected, Instant due) {
        Objects.requireNonNull(expected, "expected");
        int moved = db.call("move when table " + id + " is due", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"next_due\" = ? "
                    + "WHERE \"id\" = ? AND \"next_due\" = ?")) {
                SqlValues.setInstant(ps, 1, due);
                ps.setString(2, id.value());
                SqlValues.setInstant(ps, 3, expected);
                return ps.executeUpdate();
            }
        });
        return moved == 1;
    }

    @Override
    public Optional<Instant> due(TableId id) {
        return db.call("read when table " + id + " is due", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT \"next_due\" FROM " + table
                    + " WHERE \"id\" = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(SqlValues.getInstant(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<DueRefresh> dueBy(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of dueBy must be at least 1, not " + limit);
        }
        return db.call("read the tables due by " + now, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT \"id\", \"next_due\" FROM " + table
                    + " WHERE \"next_due\" <= ? ORDER BY \"next_due\", " + idOrder + " FETCH FIRST ? ROWS ONLY")) {
                SqlValues.setInstant(ps, 1, now);
                ps.setInt(2, limit);
                List<DueRefresh> due = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new DueRefresh(TableId.of(rs.getString(1)), SqlValues.getInstant(rs, 2)));
                    }
                }
                return due;
            }
        });
    }

    @Override
    public Optional<Instant> earliestDue() {
        return db.call("read when the next table is due", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(\"next_due\") FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(SqlValues.getInstant(rs, 1)) : Optional.empty();
            }
        });
    }

    private List<ConnectedTable> query(String what, String where, String... parameters) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE "
                    + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                List<ConnectedTable> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(table(rs));
                    }
                }
                return found;
            }
        });
    }

    private static ConnectedTable table(ResultSet rs) throws SQLException {
        return new ConnectedTable(TableId.of(rs.getString(13)), rs.getString(1), rs.getString(2),
                ConnectionId.of(rs.getString(3)), rs.getString(4), rs.getString(5),
                TextCodec.decodeFields(rs.getString(6)), TextCodec.decode(rs.getString(7)),
                Filter.parse(rs.getString(8)), TableUpdates.valueOf(rs.getString(9)),
                RefreshSchedule.parse(rs.getString(10)), Principal.of(rs.getString(11)),
                SqlValues.getInstant(rs, 12));
    }
}
