package dev.connections.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two staging tables of one refresh writer, one for records and one for deletions, and the SQL that creates,
 * indexes and drops them. On PostgreSQL they are temporary tables that vanish with the writer's transaction. On H2
 * they are ordinary tables in the storage's schema, committed batch by batch so that a large refresh does not keep
 * its staged rows in one transaction, and dropped when the writer ends; the embedded storage drops those a crashed
 * process left behind when it starts.
 *
 * @param rowsName    the records table's unqualified name
 * @param deletesName the deletions table's unqualified name
 */
record StageTables(Database db, String rowsName, String deletesName) {

    private static final String PREFIX = "cx_stage_";
    /** Tells this process's staging tables from those of an earlier process. */
    private static final String PROCESS = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private static final AtomicLong COUNT = new AtomicLong();

    static StageTables next(Database db) {
        String name = PREFIX + PROCESS + "_" + COUNT.incrementAndGet();
        return new StageTables(db, name + "_rows", name + "_deletes");
    }

    /** @return whether the tables are temporary: gone with the transaction, so batches must not commit */
    boolean temporary() {
        return db.dialect() == Dialect.POSTGRESQL;
    }

    String rows() {
        return qualified(rowsName);
    }

    String deletes() {
        return qualified(deletesName);
    }

    private String qualified(String name) {
        return temporary() ? "pg_temp." + Database.quote(name) : db.table(name);
    }

    /** @return DDL for one of the two tables */
    String create(String name, List<String> columns) {
        String body = qualified(name) + " (" + String.join(", ", columns) + ")";
        return temporary() ? "CREATE TEMPORARY TABLE " + body + " ON COMMIT DROP" : "CREATE TABLE " + body;
    }

    /** @return DDL for an index of one of the two tables on some of its columns */
    String index(String name, String columns, boolean unique) {
        String kind = unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
        String on = " ON " + qualified(name) + " (" + columns + ")";
        return temporary() ? kind + on : kind + db.table(name + "_keys") + on;
    }

    /** @return the statements that drop the tables; none for temporary ones */
    List<String> drop() {
        return temporary() ? List.of() : List.of("DROP TABLE IF EXISTS " + rows(), "DROP TABLE IF EXISTS " + deletes());
    }

    /**
     * Drops the staging tables of earlier processes. Only for a database that one process uses at a time (the
     * embedded H2 file, which H2 locks): elsewhere another process's refresh may be using them.
     */
    static void dropLeftovers(Database db) {
        db.call("drop the staging tables of interrupted refreshes", c -> {
            for (String table : leftovers(c, db)) {
                JdbcTableData.execute(c, "DROP TABLE IF EXISTS " + db.table(table));
            }
            return null;
        });
    }

    private static List<String> leftovers(Connection c, Database db) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        String escape = meta.getSearchStringEscape();
        String pattern = PREFIX.replace("_", escape + "_") + "%";
        try (ResultSet rs = meta.getTables(null, db.schema(), pattern, new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.startsWith(PREFIX + PROCESS + "_")) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }
}
