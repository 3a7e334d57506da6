package dev.connections.jdbc;

import dev.connections.spi.storage.Lease;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named leases in the table {@code lease}, shared by every instance on the database. Taking one is a single UPDATE
 * that succeeds only when the lease ran out or the asker holds it, and otherwise an INSERT that the primary key lets
 * only one instance win. Thread-safe.
 */
final class Leases {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    private final Database db;
    private final String table;

    Leases(Database db) {
        this.db = db;
        this.table = db.table("lease");
    }

    Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(now, "now");
        checkTtl(ttl);
        Instant expiresAt = now.plus(ttl);
        boolean taken = db.call("take lease " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"holder\" = ?, "
                    + "\"expires_at\" = ? WHERE \"name\" = ? AND (\"expires_at\" <= ? OR \"holder\" = ?)")) {
                ps.setString(1, holder);
                SqlValues.setInstant(ps, 2, expiresAt);
                ps.setString(3, name);
                SqlValues.setInstant(ps, 4, now);
                ps.setString(5, holder);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (\"name\", \"holder\", "
                    + "\"expires_at\") VALUES (?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                SqlValues.setInstant(ps, 3, expiresAt);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
        return taken ? Optional.of(new HeldLease(name, holder, expiresAt)) : Optional.empty();
    }

    /**
     * Deletes every lease. Only for a database that no other process can have open and that no other storage of
     * this JVM uses (the embedded H2 file when it is opened first): every lease in it is then one that a process
     * which stopped without releasing it left behind, and whose refresh cannot still be running.
     *
     * @return how many leases there were
     */
    int clearAll() {
        int cleared = db.call("clear the leases of a process that stopped", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM " + table);
            }
        });
        if (cleared > 0) {
            LOG.info("Cleared {} lease(s) that a process which stopped without releasing them left behind", cleared);
        }
        return cleared;
    }

    private static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease needs a positive time to live, not " + ttl);
        }
    }

    /** A lease this instance took; renewing and closing act only while its holder still has it. */
    private final class HeldLease implements Lease {
        private final String name;
        private final String holder;
        private volatile Instant expiresAt;

        HeldLease(String name, String holder, Instant expiresAt) {
            this.name = name;
            this.holder = holder;
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
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public boolean renew(Instant now, Duration ttl) {
            checkTtl(ttl);
            Instant next = now.plus(ttl);
            int renewed = db.call("renew lease " + name, c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET \"expires_at\" = ? "
                        + "WHERE \"name\" = ? AND \"holder\" = ?")) {
                    SqlValues.setInstant(ps, 1, next);
                    ps.setString(2, name);
                    ps.setString(3, holder);
                    return ps.executeUpdate();
                }
            });
            if (renewed == 1) {
                expiresAt = next;
            }
            return renewed == 1;
        }

        /** Releases the lease; a failure is logged, not thrown: the lease runs out by itself then. */
        @Override
        public void close() {
            try {
                db.call("release lease " + name, c -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE \"name\" = ? "
                            + "AND \"holder\" = ?")) {
                        ps.setString(1, name);
                        ps.setString(2, holder);
                        return ps.executeUpdate();
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not release lease {}; it runs out at {} by itself", name, expiresAt, e);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + name + ", holder=" + holder + ", expiresAt=" + expiresAt + "]";
        }
    }
}
