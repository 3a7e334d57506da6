package dev.connections.jdbc;

import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The rows of {@code data_table}: which SQL table holds a connected table's rows, and its cursor. */
final class Catalog {

    private final Database db;
    private final String table;

    Catalog(Database db) {
        this.db = db;
        this.table = db.table("data_table");
    }

    /**
     * @param lock whether to lock the row until the transaction ends (writers of one table then commit in turn)
     * @return the table's storage, if defined
     */
    Optional<DataTable> load(Connection c, TableId id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT \"sql_table\", \"fields\", \"columns\", "
                + "\"refresh_key\", \"row_hashes\" FROM " + table + " WHERE \"table_id\" = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DataTable(id, rs.getString(1), TextCodec.decodeFields(rs.getString(2)),
                        TextCodec.decode(rs.getString(3)), TextCodec.decode(rs.getString(4)), rs.getLong(5)));
            }
        }
    }

    Optional<Cursor> cursor(Connection c, TableId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT \"cursor_value\" FROM " + table
                + " WHERE \"table_id\" = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)).map(Cursor::of) : Optional.empty();
            }
        }
    }

    boolean nameTaken(Connection c, String sqlName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE \"sql_table\" = ?")) {
            ps.setString(1, sqlName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    void insert(Connection c, DataTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (\"fields\", \"columns\", "
                + "\"refresh_key\", \"row_hashes\", \"table_id\", \"sql_table\") VALUES (?, ?, ?, ?, ?, ?)")) {
            bindShape(ps, t);
            ps.setString(6, t.sqlName());
            ps.executeUpdate();
        }
    }

    /** Stores a changed definition and drops the cursor. */
    void update(Connection c, DataTable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"fields\" = ?, \"columns\" = ?, "
                + "\"refresh_key\" = ?, \"row_hashes\" = ?, \"cursor_value\" = NULL WHERE \"table_id\" = ?")) {
            bindShape(ps, t);
            ps.executeUpdate();
        }
    }

    /** Records that a table's rows now carry hashes (its hash column was added, epoch 1); the cursor stays. */
    void setHashed(Connection c, TableId id) throws SQLException {
        setHashEpoch(c, id, 1, "");
    }

    /**
     * Records, before a change of the table's layout alters it, the epoch of hashes its rows will have and drops the
     * cursor: on H2, where each DDL statement commits, a change stopped half-way then leaves rows whose stored hashes
     * match no record, and a full refresh next, which writes every value back.
     */
    void beginLayoutChange(Connection c, TableId id, long hashEpoch) throws SQLException {
        setHashEpoch(c, id, hashEpoch, ", \"cursor_value\" = NULL");
    }

    private void setHashEpoch(Connection c, TableId id, long hashEpoch, String alsoSet) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"row_hashes\" = ?" + alsoSet
                + " WHERE \"table_id\" = ?")) {
            ps.setLong(1, hashEpoch);
            ps.setString(2, id.value());
            ps.executeUpdate();
        }
    }

    void setCursor(Connection c, TableId id, Cursor cursor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"cursor_value\" = ? "
                + "WHERE \"table_id\" = ?")) {
            ps.setString(1, cursor == null ? null : cursor.value());
            ps.setString(2, id.value());
            ps.executeUpdate();
        }
    }

    void delete(Connection c, TableId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"table_id\" = ?")) {
            ps.setString(1, id.value());
            ps.executeUpdate();
        }
    }

    private static void bindShape(PreparedStatement ps, DataTable t) throws SQLException {
        ps.setString(1, TextCodec.encodeFields(t.fields()));
        ps.setString(2, TextCodec.encode(t.columns()));
        ps.setString(3, TextCodec.encode(t.refreshKey()));
        ps.setLong(4, t.hashEpoch());
        ps.setString(5, t.id().value());
    }
}
