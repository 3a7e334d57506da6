package dev.connections.scheduler.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * db-scheduler's table, {@code scheduled_tasks}, in the schema a data source's connections use by default. A host
 * that runs db-scheduler already has it; one that does not creates it here once (every instance may call
 * {@link #create}: it creates only what is missing), or has its own migrations run the statements shipped beside this
 * class ({@code scheduled_tasks-postgresql.sql}, {@code scheduled_tasks-h2.sql}).
 */
public final class ScheduledTasksTable {

    private ScheduledTasksTable() {
    }

    /**
     * Creates the table and its indexes unless they exist.
     *
     * @param dataSource a PostgreSQL or H2 database
     * @throws IllegalArgumentException when the database is neither
     * @throws IllegalStateException    when a statement fails (the message names the database's reason)
     */
    public static void create(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            for (String statement : statements(product).split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create db-scheduler's table scheduled_tasks: " + e.getMessage()
                    + ". Check that the database user may create tables in its default schema.", e);
        }
    }

    private static String statements(String product) {
        String dialect = switch (product.toLowerCase(Locale.ROOT)) {
            case "postgresql" -> "postgresql";
            case "h2" -> "h2";
            default -> throw new IllegalArgumentException("ScheduledTasksTable knows PostgreSQL and H2, not "
                    + product + ": create db-scheduler's table scheduled_tasks with the DDL db-scheduler documents "
                    + "for " + product + ".");
        };
        String name = "scheduled_tasks-" + dialect + ".sql";
        try (InputStream in = ScheduledTasksTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from connections-scheduler-db");
            }
            // comment lines carry no statement; dropping them keeps the split on ';' simple
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return sql.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }
}
