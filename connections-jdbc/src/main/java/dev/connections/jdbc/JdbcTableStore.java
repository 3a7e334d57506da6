package dev.connections.jdbc;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.storage.TableStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Definitions of connected tables in {@code connected_table}: fields and refresh key in {@link TextCodec}'s form,
 * filter and schedule in their own text forms. Thread-safe.
 */
final class JdbcTableStore implements TableStore {

    private static final String COLUMNS = "\"app\", \"name\", \"connection_id\", \"service\", \"object\", "
            + "\"fields\", \"refresh_key\", \"filter\", \"table_updates\", \"schedule\", \"created_by\", "
            + "\"created_at\", \"id\"";

    private final Database db;
    private final String table;

    JdbcTableStore(Database db) {
        this.db = db;
        this.table = db.table("connected_table");
    }

    @Override
    public void insert(ConnectedTable t) {
        db.call("save table " + t.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, t);
                return ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new IllegalStateException("a table with id " + t.id() + " exists already; use update() "
                            + "to change it", e);
                }
                throw e;
            }
        });
    }

    @Override
    public void update(ConnectedTable t) {
        int changed = db.call("save table " + t.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"app\" = ?, \"name\" = ?, "
                    + "\"connection_id\" = ?, \"service\" = ?, \"object\" = ?, \"fields\" = ?, \"refresh_key\" = ?, "
                    + "\"filter\" = ?, \"table_updates\" = ?, \"schedule\" = ?, \"created_by\" = ?, "
                    + "\"created_at\" = ? WHERE \"id\" = ?")) {
                bind(ps, t);
                return ps.executeUpdate();
            }
        });
        if (changed == 0) {
            throw new IllegalStateException("there is no table with id " + t.id() + " to update; use insert() for "
                    + "a new one");
        }
    }

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
        ps.setString(13, t.id().value());
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
