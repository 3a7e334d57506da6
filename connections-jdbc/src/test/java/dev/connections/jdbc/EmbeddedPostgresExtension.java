package dev.connections.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server for every test class of the JVM that uses this extension, stopped when the test
 * run ends. Tests keep apart by using a fresh schema each ({@link #freshSchema()}). Published in this module's
 * test-jar for other modules' tests (connections-scheduler-db).
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(EmbeddedPostgresExtension.class, key -> start(), Server.class);
    }

    private static Server start() {
        try {
            server = EmbeddedPostgres.builder().start();
            return new Server();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** @return the data source of the server's {@code postgres} database */
    public static DataSource dataSource() {
        if (server == null) {
            throw new IllegalStateException("annotate the test class with "
                    + "@ExtendWith(EmbeddedPostgresExtension.class)");
        }
        return server.getPostgresDatabase();
    }

    /**
     * @param schema the schema unqualified names resolve to
     * @return the JDBC URL of the server's {@code postgres} database as user {@code postgres}, for a child JVM
     */
    public static String jdbcUrl(String schema) {
        dataSource();
        return server.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    }

    /** @return a schema name no test used before */
    public static String freshSchema() {
        return "test_" + SCHEMAS.incrementAndGet();
    }

    /** Stops the server when JUnit closes the root store. */
    private static final class Server implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
