package dev.connections.jdbc;

import dev.connections.api.FailureKind;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.spi.storage.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Refresh history in {@code refresh_run}. Thread-safe. */
final class JdbcHistoryStore implements HistoryStore {

    private static final List<String> COLUMNS = List.of("\"id\"", "\"table_id\"", "\"run_trigger\"", "\"mode\"",
            "\"status\"", "\"started_at\"", "\"finished_at\"", "\"added\"", "\"updated\"", "\"unchanged\"",
            "\"removed\"", "\"api_calls\"", "\"failure_kind\"", "\"message\"");
    private static final String SELECT = String.join(", ", COLUMNS);

    private final Database db;
    private final String table;
    private final String upsert;

    JdbcHistoryStore(Database db) {
        this.db = db;
        this.table = db.table("refresh_run");
        this.upsert = db.dialect().upsert(table, COLUMNS, 1);
    }

    @Override
    public void save(RefreshRun run) {
        db.call("save refresh run " + run.id(), c -> {
            save(c, run);
            return null;
        });
    }

    /** Saves a run on a connection, in its transaction: the refresh writer's commit. */
    void save(Connection c, RefreshRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            ps.setString(1, run.id());
            ps.setString(2, run.table().value());
            ps.setString(3, run.trigger().name());
            ps.setString(4, run.mode().name());
            ps.setString(5, run.status().name());
            SqlValues.setInstant(ps, 6, run.startedAt());
            SqlValues.setInstant(ps, 7, run.finishedAt());
            ps.setLong(8, run.counts().added());
            ps.setLong(9, run.counts().updated());
            ps.setLong(10, run.counts().unchanged());
            ps.setLong(11, run.counts().removed());
            ps.setLong(12, run.apiCalls());
            ps.setString(13, run.failureKind() == null ? null : run.failureKind().name());
            ps.setString(14, run.message());
            ps.executeUpdate();
        }
    }

    @Override
    public List<RefreshRun> recent(TableId tableId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return query("read the history of table " + tableId, "\"table_id\" = ? ORDER BY \"started_at\" DESC, "
                + "\"seq\" DESC LIMIT " + limit, tableId.value());
    }

    @Override
    public Optional<RefreshRun> latest(TableId tableId, RefreshStatus status) {
        return query("read the history of table " + tableId, "\"table_id\" = ? AND \"status\" = ? ORDER BY "
                + "\"started_at\" DESC, \"seq\" DESC LIMIT 1", tableId.value(), status.name()).stream().findFirst();
    }

    @Override
    public List<RefreshRun> running() {
        return query("read the running refreshes", "\"status\" = ? ORDER BY \"started_at\", \"seq\"",
                RefreshStatus.RUNNING.name());
    }

    @Override
    public void deleteTable(TableId tableId) {
        db.call("delete the history of table " + tableId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"table_id\" = ?")) {
                ps.setString(1, tableId.value());
                return ps.executeUpdate();
            }
        });
    }

    private List<RefreshRun> query(String what, String where, String... parameters) {
        return db.call(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SELECT + " FROM " + table + " WHERE "
                    + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                List<RefreshRun> runs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(run(rs));
                    }
                }
                return runs;
            }
        });
    }

    private static RefreshRun run(ResultSet rs) throws SQLException {
        return new RefreshRun(rs.getString(1), TableId.of(rs.getString(2)),
                RefreshRun.Trigger.valueOf(rs.getString(3)), ReadMode.valueOf(rs.getString(4)),
                RefreshStatus.valueOf(rs.getString(5)), SqlValues.getInstant(rs, 6), SqlValues.getInstant(rs, 7),
                new RefreshCounts(rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)), rs.getLong(12),
                rs.getString(13) == null ? null : FailureKind.fromName(rs.getString(13)), rs.getString(14));
    }
}
