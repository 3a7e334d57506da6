package dev.connections.jdbc;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.api.TestResult;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.StoredConnection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connections in {@code connection}. Secrets are kept as the bytes the engine gives (ciphertext), never decoded.
 * Thread-safe.
 */
final class JdbcConnectionStore implements ConnectionStore {

    private static final String COLUMNS = "\"service\", \"owner_id\", \"name\", \"status\", \"status_reason\", "
            + "\"account\", \"settings\", \"secrets\", \"created_at\", \"tested_at\", \"test_ok\", \"test_account\", "
            + "\"test_message\", \"version\", \"id\"";

    private final Database db;
    private final String table;

    JdbcConnectionStore(Database db) {
        this.db = db;
        this.table = db.table("connection");
    }

    @Override
    public void insert(StoredConnection connection) {
        db.call("save connection " + connection.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, connection, connection.version());
                return ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new IllegalStateException("a connection with id " + connection.id() + " exists already; "
                            + "use update() to change it", e);
                }
                throw e;
            }
        });
    }

    @Override
    public boolean update(StoredConnection connection) {
        int changed = db.call("save connection " + connection.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"service\" = ?, "
                    + "\"owner_id\" = ?, \"name\" = ?, \"status\" = ?, \"status_reason\" = ?, \"account\" = ?, "
                    + "\"settings\" = ?, \"secrets\" = ?, \"created_at\" = ?, \"tested_at\" = ?, \"test_ok\" = ?, "
                    + "\"test_account\" = ?, \"test_message\" = ?, \"version\" = ? WHERE \"id\" = ? "
                    + "AND \"version\" = ?")) {
                bind(ps, connection, connection.version() + 1);
                ps.setLong(16, connection.version());
                return ps.executeUpdate();
            }
        });
        return changed == 1;
    }

    /** Binds the 15 columns of {@link #COLUMNS}, the version as {@code version}. */
    private static void bind(PreparedStatement ps, StoredConnection connection, long version) throws SQLException {
        ps.setString(1, connection.service());
        ps.setString(2, connection.owner().id());
        ps.setString(3, connection.name());
        ps.setString(4, connection.status().name());
        ps.setString(5, connection.statusReason());
        ps.setString(6, connection.account());
        ps.setString(7, TextCodec.encodeMap(connection.settings()));
        ps.setBytes(8, connection.secrets());
        SqlValues.setInstant(ps, 9, connection.createdAt());
        TestResult test = connection.lastTest();
        SqlValues.setInstant(ps, 10, test == null ? null : test.at());
        if (test == null) {
            ps.setNull(11, Types.BOOLEAN);
        } else {
            ps.setBoolean(11, test.ok());
        }
        ps.setString(12, test == null ? null : test.account());
        ps.setString(13, test == null ? null : test.message());
        ps.setLong(14, version);
        ps.setString(15, connection.id().value());
    }

    @Override
    public Optional<StoredConnection> get(ConnectionId id) {
        return query("read connection " + id, "\"id\" = ?", id.value()).stream().findFirst();
    }

    @Override
    public List<StoredConnection> byOwner(Principal owner) {
        return query("read the connections of " + owner, "\"owner_id\" = ? ORDER BY \"created_at\", \"seq\"",
                owner.id());
    }

    @Override
    public Optional<StoredConnection> anySealed() {
        return query("look for stored secrets", "\"secrets\" IS NOT NULL ORDER BY \"seq\" FETCH FIRST 1 ROWS ONLY")
                .stream().findFirst();
    }

    @Override
    public List<StoredConnection> byAccount(String service, String account) {
        if (account == null) {
            return query("read the connections of service " + service, "\"service\" = ? AND \"account\" IS NULL "
                    + "ORDER BY \"created_at\", \"seq\"", service);
        }
        return query("read the connections of service " + service + " to one account", "\"service\" = ? AND "
                + "\"account\" = ? ORDER BY \"created_at\", \"seq\"", service, account);
    }

    @Override
    public void delete(ConnectionId id) {
        db.call("delete connection " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"id\" = ?")) {
                ps.setString(1, id.value());
                return ps.executeUpdate();
            }
        });
    }

    private List<StoredConnection> query(String what, String where, String... parameters) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE "
                    + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                List<StoredConnection> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(connection(rs));
                    }
                }
                return found;
            }
        });
    }

    private static StoredConnection connection(ResultSet rs) throws SQLException {
        TestResult test = null;
        Instant testedAt = SqlValues.getInstant(rs, 10);
        if (testedAt != null) {
            test = new TestResult(testedAt, rs.getBoolean(11), rs.getString(12), rs.getString(13));
        }
        return new StoredConnection(ConnectionId.of(rs.getString(15)), rs.getString(1),
                Principal.of(rs.getString(2)), rs.getString(3), ConnectionStatus.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), TextCodec.decodeMap(rs.getString(7)), rs.getBytes(8),
                SqlValues.getInstant(rs, 9), test, rs.getLong(14));
    }
}
