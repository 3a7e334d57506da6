package dev.connections.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the storage's schema to the version this library needs, on start. The migrations are plain SQL scripts,
 * {@code db/<dialect>/V<n>__<what>.sql}, listed in {@code db/migrations.txt}; the table {@code schema_version}
 * records each one applied. One instance migrates at a time: on PostgreSQL under an advisory lock (so that several
 * hosts starting together on one database do not both migrate), on H2 under a lock of this JVM (H2's file lock
 * keeps other processes out). Starting again on a migrated schema changes nothing.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String INDEX = "db/migrations.txt";
    /** The first half of the PostgreSQL advisory lock key: "Conn"; the second half is the schema's hash. */
    private static final int LOCK_CLASS = 0x436f6e6e;
    private static final Object H2_LOCK = new Object();

    /** One script: its version, name, statements and checksum. */
    record Script(int version, String name, List<String> statements, long checksum) {
    }

    private Migrations() {
    }

    static void run(Database db) {
        List<Script> scripts = scripts(db.dialect());
        db.call("migrate the schema", connection -> {
            if (db.dialect() == Dialect.H2) {
                synchronized (H2_LOCK) {
                    migrate(db, connection, scripts);
                }
            } else {
                lock(connection, "pg_advisory_lock", db.schema());
                try {
                    migrate(db, connection, scripts);
                } finally {
                    lock(connection, "pg_advisory_unlock", db.schema());
                }
            }
            return null;
        });
    }

    private static void lock(Connection connection, String function, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, schema.hashCode());
            ps.executeQuery().close();
        }
    }

    private static void migrate(Database db, Connection connection, List<Script> scripts) throws SQLException {
        String versions = db.table("schema_version");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Database.quote(db.schema()));
            s.execute("CREATE TABLE IF NOT EXISTS " + versions + " (\"version\" integer NOT NULL PRIMARY KEY, "
                    + "\"script\" varchar(200) NOT NULL, \"checksum\" bigint NOT NULL, "
                    + "\"installed_at\" timestamp with time zone NOT NULL)");
        }
        Map<Integer, Long> applied = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"checksum\" FROM " + versions)) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getLong(2));
            }
        }
        int newest = scripts.get(scripts.size() - 1).version();
        int found = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (found > newest) {
            throw new JdbcStorageException("The schema " + db.schema() + " is at version " + found + ", newer than "
                    + "this connections-jdbc knows (" + newest + "): it was upgraded by a newer release. Use that "
                    + "release (or newer) of connections-jdbc.");
        }
        for (Script script : scripts) {
            Long checksum = applied.get(script.version());
            if (checksum == null) {
                apply(db, connection, script, versions);
            } else if (checksum != script.checksum()) {
                LOG.warn("Migration {} of schema {} differs from the script applied earlier; released scripts must "
                        + "not change. The schema is left as it is.", script.name(), db.schema());
            }
        }
    }

    private static void apply(Database db, Connection connection, Script script, String versions)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                for (String statement : script.statements()) {
                    s.execute(statement.replace("${schema}", Database.quote(db.schema())));
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + versions
                    + " (\"version\", \"script\", \"checksum\", \"installed_at\") VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, script.version());
                ps.setString(2, script.name());
                ps.setLong(3, script.checksum());
                ps.setObject(4, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            Database.rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        LOG.info("Applied migration {} to schema {}", script.name(), db.schema());
    }

    /** @return the scripts of a dialect, oldest first */
    static List<Script> scripts(Dialect dialect) {
        List<Script> scripts = new ArrayList<>();
        for (String line : resource(INDEX).split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!name.matches("V[1-9][0-9]*__\\w+\\.sql")) {
                throw new IllegalStateException(INDEX + " lists '" + name + "', which is not a migration name "
                        + "like V2__what_it_does.sql");
            }
            int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
            if (version != scripts.size() + 1) {
                throw new IllegalStateException(INDEX + " lists " + name + " where version " + (scripts.size() + 1)
                        + " belongs; number the migrations 1, 2, 3 without gaps");
            }
            String text = resource("db/" + dialect.folder() + "/" + name);
            CRC32 crc = new CRC32();
            crc.update(text.getBytes(StandardCharsets.UTF_8));
            scripts.add(new Script(version, name, statements(text), crc.getValue()));
        }
        return scripts;
    }

    /** Splits a script at the semicolons that end lines; drops comment lines. */
    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the migration resource " + name + " is missing from the "
                        + "connections-jdbc jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the migration resource " + name, e);
        }
    }
}
