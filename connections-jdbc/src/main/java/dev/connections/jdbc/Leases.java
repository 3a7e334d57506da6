package dev.connections.jdbc;

import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.LeaseLostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named leases in the table {@code lease}, shared by every instance on the database, judged by the database's clock:
 * the instances' clocks may differ, the database's is one. Taking one is a single UPDATE that succeeds only when the
 * lease is free (released, or ran out by the database's clock) or the asker holds it, and otherwise an INSERT that
 * the primary key lets only one instance win. Each take adds one to the row's {@code generation}, the holder's
 * fencing token; a release keeps the row (holder NULL), so generations only grow. A refresh's commit checks its
 * lease with {@link #fence} in its own transaction. Thread-safe.
 */
final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    /** Checks, inside a commit's transaction, that the commit's lease still holds. */
    @FunctionalInterface
    interface Fence {
        /** @throws LeaseLostException when the lease is no longer held with its generation, or ran out */
        void check(Connection transaction) throws SQLException;
    }

    private final Database db;
    private final String table;

    Leases(Database db) {
        this.db = db;
        this.table = db.table("lease");
    }

    /** Takes a lease for {@code ttl} from now by the database's clock; the engine's {@code now} is not used. */
    Optional<Lease> tryLease(String name, String holder, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        checkTtl(ttl);
        return db.call("take lease " + name, c -> {
            Instant now = databaseNow(c);
            Instant expiresAt = now.plus(ttl);
            try (PreparedStatement ps = c.prepareStatement(returningGeneration("UPDATE " + table
                    + " SET \"holder\" = ?, \"expires_at\" = ?, \"generation\" = \"generation\" + 1 WHERE \"name\" = ? "
                    + "AND (\"holder\" IS NULL OR \"expires_at\" <= ? OR \"holder\" = ?)"))) {
                ps.setString(1, holder);
                SqlValues.setInstant(ps, 2, expiresAt);
                ps.setString(3, name);
                SqlValues.setInstant(ps, 4, now);
                ps.setString(5, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.<Lease>of(new HeldLease(name, holder, rs.getLong(1), expiresAt));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (\"name\", \"holder\", "
                    + "\"expires_at\", \"generation\") VALUES (?, ?, ?, 1)")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                SqlValues.setInstant(ps, 3, expiresAt);
                ps.executeUpdate();
                return Optional.<Lease>of(new HeldLease(name, holder, 1, expiresAt));
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return Optional.<Lease>empty();
                }
                throw e;
            }
        });
    }

    /**
     * The fence of a commit guarded by {@code lease}: it locks the lease's row in the commit's transaction (a take
     * by another holder waits for the commit to end) and refuses the commit unless the row still has the lease's
     * generation and has not run out by the database's clock.
     */
    Fence fence(Lease lease) {
        Objects.requireNonNull(lease, "fence");
        return c -> {
            String holder = null;
            long generation = -1;
            Instant expiresAt = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT \"holder\", \"generation\", \"expires_at\" FROM "
                    + table + " WHERE \"name\" = ? FOR UPDATE")) {
                ps.setString(1, lease.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        holder = rs.getString(1);
                        generation = rs.getLong(2);
                        expiresAt = SqlValues.getInstant(rs, 3);
                    }
                }
            }
            if (holder == null || generation != lease.generation()) {
                throw new LeaseLostException("the lease " + lease.name() + " of generation " + lease.generation()
                        + " is no longer held: " + (holder == null ? "it was released"
                        : "generation " + generation + " took it over"));
            }
            Instant now = nowInTransaction(c);
            if (!expiresAt.isAfter(now)) {
                throw new LeaseLostException("the lease " + lease.name() + " of generation " + lease.generation()
                        + " ran out at " + expiresAt + " by the database's clock (now " + now + ")");
            }
        };
    }

    /**
     * Releases every lease. Only for a database that no other process can have open and that no other storage of
     * this JVM uses (the embedded H2 file when it is opened first): every lease in it is then one that a process
     * which stopped without releasing it left behind, and whose refresh cannot still be running. Their rows stay,
     * with their generations.
     *
     * @return how many leases were held
     */
    int clearAll() {
        int cleared = db.call("release the leases of a process that stopped", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE " + table + " SET \"holder\" = NULL WHERE \"holder\" IS NOT NULL");
            }
        });
        if (cleared > 0) {
            LOG.info("Released {} lease(s) that a process which stopped without releasing them left behind", cleared);
        }
        return cleared;
    }

    /** @return an UPDATE that returns the new generation of the rows it changed, as a query */
    private String returningGeneration(String update) {
        return db.dialect() == Dialect.POSTGRESQL ? update + " RETURNING \"generation\""
                : "SELECT \"generation\" FROM FINAL TABLE (" + update + ")";
    }

    /** @return the database's time at the start of the current statement (auto-commit) or transaction (H2) */
    private Instant databaseNow(Connection c) throws SQLException {
        String sql = db.dialect() == Dialect.POSTGRESQL ? "SELECT clock_timestamp()" : "SELECT CURRENT_TIMESTAMP";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return SqlValues.getInstant(rs, 1);
        }
    }

    /**
     * The database's time now, inside a transaction that may have begun long ago: PostgreSQL's
     * {@code clock_timestamp()} moves within a transaction, H2's {@code CURRENT_TIMESTAMP} stays at the transaction's
     * start, so H2 is asked on a connection of its own.
     */
    private Instant nowInTransaction(Connection c) throws SQLException {
        return db.dialect() == Dialect.POSTGRESQL ? databaseNow(c) : db.call("read the database's time",
                this::databaseNow);
    }

    private static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live, not " + ttl);
        }
    }

    /** A lease this instance took; renewing and closing act only while it still has its generation. */
    private final class HeldLease implements Lease {
        private final String name;
        private final String holder;
        private final long generation;
        private volatile Instant expiresAt;

        HeldLease(String name, String holder, long generation, Instant expiresAt) {
            this.name = name;
            this.holder = holder;
            this.generation = generation;
            this.expiresAt = expiresAt;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String holder() {
            return holder;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public Instant expiresAt() {
            return expiresAt;
        }

        /** Extends the lease by {@code ttl} from now by the database's clock; {@code now} is not used. */
        @Override
        public boolean renew(Instant now, Duration ttl) {
            checkTtl(ttl);
            Instant[] next = new Instant[1];
            int renewed = db.call("renew lease " + name, c -> {
                next[0] = databaseNow(c).plus(ttl);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"expires_at\" = ? "
                        + "WHERE \"name\" = ? AND \"holder\" = ? AND \"generation\" = ?")) {
                    SqlValues.setInstant(ps, 1, next[0]);
                    ps.setString(2, name);
                    ps.setString(3, holder);
                    ps.setLong(4, generation);
                    return ps.executeUpdate();
                }
            });
            if (renewed == 1) {
                expiresAt = next[0];
            }
            return renewed == 1;
        }

        /** Releases the lease; a failure is logged, not thrown: the lease runs out by itself then. */
        @Override
        public void close() {
            try {
                db.call("release lease " + name, c -> {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"holder\" = NULL "
                            + "WHERE \"name\" = ? AND \"holder\" = ? AND \"generation\" = ?")) {
                        ps.setString(1, name);
                        ps.setString(2, holder);
                        ps.setLong(3, generation);
                        return ps.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not release lease {}; it runs out at {} by itself", name, expiresAt, e);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + name + ", holder=" + holder + ", generation=" + generation + ", expiresAt=" + expiresAt
                    + "]";
        }
    }
}
