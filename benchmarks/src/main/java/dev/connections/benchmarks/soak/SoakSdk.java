package dev.connections.benchmarks.soak;

import dev.connections.api.Principal;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/** How the soak's parent and children open the SDK on the database under test, all alike. */
final class SoakSdk {

    static final Principal OWNER = Principal.of("soak");
    /** Short, so that a killed child's leases run out soon on PostgreSQL (H2 clears them when it opens). */
    static final Duration LEASE = Duration.ofSeconds(3);
    /** The key the PostgreSQL soak seals credentials with (the csv connection has none; the engine asks for one). */
    private static final byte[] KEY = new byte[32];

    private SoakSdk() {
    }

    /**
     * @param db        {@code h2} or {@code postgresql}
     * @param locator   the H2 folder, or the PostgreSQL JDBC URL
     * @param exports   the folder the csv connection reads
     * @param recovering whether the built-in scheduler runs, which marks refreshes a kill interrupted as FAILED once
     *                  their leases run out (no table has a schedule: the soak refreshes by hand)
     */
    static Connections.Builder builder(String db, String locator, Path exports, boolean recovering) {
        Connections.Builder b = Connections.builder().connector(CsvConnector.allowingRoots(exports))
                .leaseDuration(LEASE);
        if (recovering) {
            b.schedulerPollInterval(Duration.ofMillis(500));
        } else {
            b.externalScheduler();
        }
        switch (db) {
            case "h2" -> b.storage(JdbcStorage.embedded(Path.of(locator)));
            case "postgresql" -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(locator);
                b.storage(JdbcStorage.postgres(pg)).secretKey(KEY);
            }
            default -> throw new IllegalArgumentException("the database is h2 or postgresql, not " + db);
        }
        return b;
    }
}
