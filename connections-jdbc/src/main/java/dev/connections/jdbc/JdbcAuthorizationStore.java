package dev.connections.jdbc;

import dev.connections.api.ConnectionId;
import dev.connections.api.Principal;
import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.StoredAuthorization;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Pending OAuth authorizations in {@code oauth_authorization}. Taking one reads it and deletes it in one transaction and
 * returns it only when this transaction's delete removed the row: of several instances taking one state at once,
 * the database lets exactly one delete it. The sealed bytes are kept as the engine gives them. Thread-safe.
 */
final class JdbcAuthorizationStore implements AuthorizationStore {

    /** H2's "concurrent update": another transaction changed the row first, which here means it took it. */
    private static final String H2_CONCURRENT_UPDATE = "90131";

    private final Database db;
    private final String table;

    JdbcAuthorizationStore(Database db) {
        this.db = db;
        this.table = db.table("oauth_authorization");
    }

    @Override
    public void save(StoredAuthorization a) {
        db.call("save an authorization of " + a.owner(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (\"state\", \"owner_id\", "
                    + "\"service\", \"name\", \"reauthorizing\", \"url\", \"expires_at\", \"sealed\") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.state());
                ps.setString(2, a.owner().id());
                ps.setString(3, a.service());
                ps.setString(4, a.name());
                ps.setString(5, a.reauthorizing() == null ? null : a.reauthorizing().value());
                ps.setString(6, a.url());
                SqlValues.setInstant(ps, 7, a.expiresAt());
                ps.setBytes(8, a.sealed());
                return ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new IllegalStateException("an authorization with this state is stored already", e);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<StoredAuthorization> take(String state) {
        Objects.requireNonNull(state, "state");
        return db.transaction("take an authorization", c -> {
            StoredAuthorization found;
            try (PreparedStatement ps = c.prepareStatement("SELECT \"owner_id\", \"service\", \"name\", "
                    + "\"reauthorizing\", \"url\", \"expires_at\", \"sealed\" FROM " + table + " WHERE \"state\" = ?")) {
                ps.setString(1, state);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String reauthorizing = rs.getString(4);
                    found = new StoredAuthorization(state, Principal.of(rs.getString(1)), rs.getString(2),
                            rs.getString(3), reauthorizing == null ? null : ConnectionId.of(reauthorizing),
                            rs.getString(5), SqlValues.getInstant(rs, 6), rs.getBytes(7));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"state\" = ?")) {
                ps.setString(1, state);
                return ps.executeUpdate() == 1 ? Optional.of(found) : Optional.empty();
            } catch (SQLException e) {
                if (H2_CONCURRENT_UPDATE.equals(e.getSQLState())) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public int dropExpired(Instant before) {
        Objects.requireNonNull(before, "before");
        return db.call("drop expired authorizations", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"expires_at\" < ?")) {
                SqlValues.setInstant(ps, 1, before);
                return ps.executeUpdate();
            }
        });
    }
}
