package dev.connections.scheduler.db;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.connections.core.Connections;
import dev.connections.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One instance of the cluster that {@link ClusterSchedulingTest} starts three of: an SDK on the shared PostgreSQL
 * schema whose scheduled refreshes db-scheduler runs, both reading the shared {@link FileClock}. It says
 * {@code @@ ready} on stdout once db-scheduler runs, and runs until it is killed.
 *
 * <p>Arguments: the JDBC URL (its default schema the test's), the schema, the clock file, the slow read's mark file
 * ({@link SlotConnector}) and this instance's name.
 */
public final class ClusterChild {

    static final String MARK = "@@ ";
    static final byte[] KEY = new byte[32];
    /** A refresh's lease: a dead instance's refresh is marked interrupted once it ran out. */
    static final Duration LEASE = Duration.ofSeconds(3);
    /** db-scheduler's heartbeat; an execution missing {@value #MISSED_HEARTBEATS} of them is dead. */
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final int MISSED_HEARTBEATS = 4;
    static final Duration POLLING = Duration.ofMillis(200);
    /** How soon an interrupted refresh runs again: at once, for the test (the default is 15 minutes). */
    static final Duration RETRY = Duration.ofMillis(1);

    /** Once per simulated hour: the test moves the clock only while no execution, the reconcile included, is picked. */
    static final Duration RECONCILE = Duration.ofHours(1);

    private ClusterChild() {
    }

    public static void main(String[] args) throws IOException {
        String url = args[0];
        String schema = args[1];
        FileClock clock = new FileClock(Path.of(args[2]));
        Path slowMark = Path.of(args[3]);
        String name = args[4];
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(6);
        try (HikariDataSource dataSource = new HikariDataSource(pool);
             Connections sdk = Connections.builder()
                     .storage(JdbcStorage.of(dataSource, schema))
                     .secretKey(KEY)
                     .clock(clock)
                     .leaseDuration(LEASE)
                     .retryTransientFailuresAfter(RETRY)
                     .connector(new SlotConnector(name, slowMark))
                     .discoverConnectors(false)
                     .externalScheduler()
                     .instanceId(name)
                     .build()) {
            sdk.start();
            Scheduler scheduler = DbSchedulerRefreshes.of(sdk).withReconcileInterval(RECONCILE)
                    .schedulerFor(dataSource)
                    .clock(clock)
                    .schedulerName(new SchedulerName.Fixed(name))
                    .threads(3)
                    .pollingInterval(POLLING)
                    .heartbeatInterval(HEARTBEAT)
                    .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                    .build();
            scheduler.start();
            System.out.println(MARK + "ready");
            System.out.flush();
            while (System.in.read() != -1) {
                // runs until killed; the test never writes to stdin
            }
            scheduler.stop();
        }
    }
}
