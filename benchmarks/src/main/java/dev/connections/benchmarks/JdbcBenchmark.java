package dev.connections.benchmarks;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.jdbc.JdbcStorage;
import dev.connections.spi.storage.Storage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Refreshing the generated 1,000,000-row CSV file ({@link RowsFile}) into durable storage, beside PostgreSQL's own
 * {@code COPY} of the same file into an equivalent table, all in one JVM, on one embedded PostgreSQL server, in the
 * same run:
 *
 * <ul>
 *   <li><b>COPY</b> (the baseline): {@code COPY ... FROM STDIN (FORMAT csv, HEADER)} through pgjdbc's CopyManager,
 *       streaming the file from this JVM into an empty table with the SDK's column types and a primary key on
 *       {@code id}, committed;</li>
 *   <li><b>CSVREAD</b> (the baseline of the embedded H2 storage): H2's own bulk load of the same file,
 *       {@code INSERT ... SELECT ... FROM CSVREAD(file)}, into a table with a primary key on {@code id} in a new H2
 *       file database in this JVM;</li>
 *   <li><b>full refresh</b> of a new connected table ({@code JdbcStorage.postgres(dataSource)}, and
 *       {@code JdbcStorage.embedded(folder)}: H2 in this JVM);</li>
 *   <li><b>refresh after 1% changed</b>: the same table, its file replaced by the copy in which 10,000 rows have a
 *       new amount, status and update time. The engine asks for an incremental read; the csv connector reads the
 *       changed file in full and the storage rewrites only the rows that differ (10,000 updated, 990,000 unchanged,
 *       checked).</li>
 * </ul>
 *
 * Each round runs all six in that order, so that load on a shared machine hits them alike; ratios to the baseline
 * (COPY for PostgreSQL and CSVREAD, CSVREAD for the H2 refreshes) are taken within a round, then their median. The server runs with {@code fsync} and {@code synchronous_commit} on, as in
 * production. The first round warms up and is not counted. Heap readings come from
 * {@link HeapMeter} around each operation. Run it with a small heap to show that memory does not grow with the data:
 *
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.connections.benchmarks.JdbcBenchmark [rounds]</pre>
 *
 * Prints a Markdown table, also written to {@code target/jdbc-benchmark-results.md}.
 */
public final class JdbcBenchmark {

    private static final Principal PAM = Principal.of("pam");
    private static final String COPY = "PostgreSQL COPY (baseline)";
    private static final String PG_FULL = "SDK full refresh, PostgreSQL";
    private static final String PG_CHANGED = "SDK refresh, 1% changed, PostgreSQL";
    private static final String CSVREAD = "H2 INSERT ... SELECT FROM CSVREAD (H2 baseline)";
    private static final String H2_FULL = "SDK full refresh, H2 (embedded)";
    private static final String H2_CHANGED = "SDK refresh, 1% changed, H2 (embedded)";
    private static final long DAY = 86_400;

    /** One operation's time and heap reading. */
    private record Sample(double ms, HeapMeter.Reading heap) {
    }

    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final Map<String, List<Double>> ratios = new LinkedHashMap<>();
    private final DataSource postgres;
    private final Path work;
    private int round;

    private JdbcBenchmark(DataSource postgres, Path work) {
        this.postgres = postgres;
        this.work = work;
        for (String name : List.of(COPY, PG_FULL, PG_CHANGED, CSVREAD, H2_FULL, H2_CHANGED)) {
            samples.put(name, new ArrayList<>());
            ratios.put(name, new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path original = RowsFile.original();
        RowsFile.changed();
        Path work = RowsFile.dataDir().resolve("jdbc");
        delete(work);
        Files.createDirectories(work);
        double loadBefore = load();
        String summary;
        // durability as a production server has it (the embedded server's defaults turn both off)
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .start()) {
            JdbcBenchmark bench = new JdbcBenchmark(server.getPostgresDatabase(), work);
            String settings = bench.serverSettings();
            for (int i = 0; i <= rounds; i++) {
                bench.round = i;
                bench.round(original);
            }
            summary = bench.summary(rounds, settings, loadBefore, load());
        }
        System.out.println();
        System.out.println(summary);
        Path file = RowsFile.dataDir().resolveSibling("jdbc-benchmark-results.md");
        Files.writeString(file, summary, StandardCharsets.UTF_8);
        System.out.println("(also written to " + file + ")");
        delete(work);
    }

    private void round(Path original) throws Exception {
        double copy = measure(COPY, () -> copy(original));
        try (Connections sdk = Connections.builder().storage(JdbcStorage.postgres(postgres)).secretKey(new byte[32])
                .connector(CsvConnector.allowingRoots(RowsFile.dataDir())).externalScheduler().build()) {
            double[] ms = refreshes(sdk, "pg", PG_FULL, PG_CHANGED);
            ratio(PG_FULL, copy / ms[0]);
            ratio(PG_CHANGED, copy / ms[1]);
        }
        double csvRead = measure(CSVREAD, () -> csvRead(original));
        ratio(CSVREAD, copy / csvRead);
        Path h2 = work.resolve("h2-" + round);
        try (Connections sdk = Connections.builder().storage(JdbcStorage.embedded(h2))
                .connector(CsvConnector.allowingRoots(RowsFile.dataDir())).externalScheduler().build()) {
            double[] ms = refreshes(sdk, "h2", H2_FULL, H2_CHANGED);
            ratio(H2_FULL, csvRead / ms[0]);
            ratio(H2_CHANGED, csvRead / ms[1]);
        }
        delete(h2);
    }

    /** Records a ratio of rates measured in this round (not in the warm-up). */
    private void ratio(String name, double value) {
        if (round > 0) {
            ratios.get(name).add(value);
        }
    }

    /**
     * A new table over a folder with the original file: a full refresh, then the file is replaced by the changed
     * copy (untimed) and the table refreshed again. The table is deleted afterwards.
     *
     * @return the times of the full refresh and of the refresh after 1% changed
     */
    private double[] refreshes(Connections sdk, String db, String full, String changed) {
        Path folder = RowsFile.folderWith(db + "-folder", RowsFile.original(), Instant.EPOCH.plusSeconds(DAY));
        Connection connection = sdk.connections().create(PAM,
                NewConnection.of("csv", db + " " + round).set("folder", folder.toString()));
        ConnectedTable table = sdk.tables().create(PAM, NewTable.builder().app("bench").name("Rows " + round)
                .connection(connection.id()).object(RowsFile.NAME).fields(RowsFile.COLUMNS).refreshKey("id")
                .tableUpdates(TableUpdates.REMOVE).build());
        double ms = measure(full, () -> timed(() -> refresh(sdk, table, "added " + RowsFile.ROWS,
                c -> c.added() == RowsFile.ROWS && c.updated() == 0 && c.removed() == 0)));
        RowsFile.folderWith(db + "-folder", RowsFile.changed(), Instant.EPOCH.plusSeconds(2 * DAY));
        double ms1 = measure(changed, () -> timed(() -> refresh(sdk, table, "updated " + RowsFile.CHANGED_ROWS,
                c -> c.updated() == RowsFile.CHANGED_ROWS && c.added() == 0 && c.removed() == 0
                        && c.unchanged() == RowsFile.ROWS - RowsFile.CHANGED_ROWS)));
        sdk.tables().delete(PAM, table.id());
        sdk.connections().delete(PAM, connection.id());
        return new double[] {ms, ms1};
    }

    private static void refresh(Connections sdk, ConnectedTable table, String expected, Predicate<RefreshCounts> ok) {
        RefreshRun run = sdk.tables().refresh(PAM, table.id());
        if (run.status() != RefreshStatus.SUCCEEDED) {
            throw new IllegalStateException("the refresh " + run.status() + " (" + run.failureKind() + "): "
                    + run.message());
        }
        if (!ok.test(run.counts())) {
            throw new IllegalStateException("the refresh (" + run.mode() + ") reported " + run.counts()
                    + ", expected " + expected);
        }
    }

    /** COPY of the file into a new table like the one the SDK makes; creating and dropping it is untimed. */
    private double copy(Path file) {
        String table = "copy_rows";
        try (java.sql.Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, customer text, quantity bigint, "
                    + "amount numeric, order_date date, updated_at timestamp with time zone, paid boolean, "
                    + "ship_to text, status text, note text)");
            long[] rows = {0};
            double ms = timed(() -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    rows[0] = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table
                            + " FROM STDIN (FORMAT csv, HEADER true)", in, 1 << 16);
                } catch (SQLException e) {
                    throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (rows[0] != RowsFile.ROWS) {
                throw new IllegalStateException("COPY loaded " + rows[0] + " rows, expected " + RowsFile.ROWS);
            }
            s.execute("DROP TABLE " + table);
            return ms;
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare or drop the COPY table: " + e.getMessage(), e);
        }
    }

    /**
     * H2's own bulk load of the file, the baseline of the embedded storage: a new H2 file database in this JVM with
     * the embedded storage's settings, a table like the one the SDK makes (primary key on {@code id}), and one
     * {@code INSERT ... SELECT ... FROM CSVREAD(file)} converting each column to its type, committed. Creating the
     * database and the table is untimed.
     */
    private double csvRead(Path file) {
        Path dir = work.resolve("h2-csvread-" + round);
        // the embedded storage's settings (JdbcStorage.embedded), its page cache too: a sixty-fourth of the heap
        long cacheKb = Math.max(1024, Math.min(16384, Runtime.getRuntime().maxMemory() / 64 / 1024));
        String url = "jdbc:h2:file:" + dir.resolve("rows") + ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;CACHE_SIZE="
                + cacheKb;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            // the column types of the embedded storage's tables (Dialect.columnType)
            s.execute("CREATE TABLE csv_rows (id bigint PRIMARY KEY, customer varchar, quantity bigint, "
                    + "amount decfloat, order_date date, updated_at timestamp(9) with time zone, paid boolean, "
                    + "ship_to varchar, status varchar, note varchar)");
            long[] rows = {0};
            double ms = timed(() -> {
                try {
                    rows[0] = s.executeLargeUpdate("INSERT INTO csv_rows SELECT CAST(id AS bigint), customer, "
                            + "CAST(quantity AS bigint), CAST(amount AS decfloat), CAST(order_date AS date), "
                            + "CAST(updated_at AS timestamp(9) with time zone), CAST(paid AS boolean), ship_to, status, "
                            + "note FROM CSVREAD('" + file.toAbsolutePath().toString().replace("'", "''")
                            + "', NULL, 'charset=UTF-8 caseSensitiveColumnNames=true')");
                } catch (SQLException e) {
                    throw new IllegalStateException("CSVREAD failed: " + e.getMessage(), e);
                }
            });
            if (rows[0] != RowsFile.ROWS) {
                throw new IllegalStateException("CSVREAD loaded " + rows[0] + " rows, expected " + RowsFile.ROWS);
            }
            s.execute("DROP ALL OBJECTS DELETE FILES");
            return ms;
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare or drop the CSVREAD database: " + e.getMessage(), e);
        } finally {
            try {
                delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the time of an operation, in ms, between two {@link HeapMeter} readings (which are not timed) */
    private static double timed(Runnable operation) {
        HeapMeter.begin();
        long started = System.nanoTime();
        operation.run();
        double ms = (System.nanoTime() - started) / 1e6;
        HeapMeter.end();
        return ms;
    }

    /** Runs an operation that times itself with {@link #timed}, prints and records its time and heap reading. */
    private double measure(String name, java.util.function.DoubleSupplier operation) {
        double ms = operation.getAsDouble();
        HeapMeter.Reading heap = HeapMeter.take();
        System.out.printf(Locale.ROOT, "%s %d: %-40s %8.0f ms  %,10.0f rows/s  peak heap %4.0f MB, max after GC "
                        + "%4.0f MB%n", round == 0 ? "warm-up" : "round  ", round, name, ms,
                RowsFile.ROWS / (ms / 1000), mb(heap.peak()), mb(heap.afterGc()));
        if (round > 0) {
            samples.get(name).add(new Sample(ms, heap));
        }
        return ms;
    }

    private String serverSettings() throws SQLException {
        List<String> values = new ArrayList<>();
        try (java.sql.Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
            for (String setting : List.of("server_version", "shared_buffers", "fsync", "synchronous_commit",
                    "max_wal_size")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    values.add(setting + "=" + rs.getString(1));
                }
            }
        }
        return String.join(", ", values);
    }

    private String summary(int rounds, String settings, double loadBefore, double loadAfter) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d rows x %d columns (%s, %,d bytes); JDK %s; %d cores; max heap "
                        + "%.0f MB (%s); 1 warm-up round, %d rounds counted; load average %.2f before, %.2f after%n"
                        + "PostgreSQL (embedded, same machine): %s%n%n", RowsFile.ROWS, RowsFile.COLUMNS.size(),
                RowsFile.original().getFileName(), size(RowsFile.original()), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), mb(Runtime.getRuntime().maxMemory()),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), rounds, loadBefore,
                loadAfter, settings));
        out.append("| operation | median | min | max | rows/s (median) | vs baseline (per-round median; range) "
                + "| baseline | peak heap | max after GC | allocated |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
            double[] ms = e.getValue().stream().mapToDouble(Sample::ms).toArray();
            double median = median(ms);
            double[] r = ratios.get(e.getKey()).stream().mapToDouble(Double::doubleValue).toArray();
            String vs = e.getKey().equals(COPY) ? "1.00" : String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(r),
                    min(r), max(r));
            String baseline = e.getKey().equals(H2_FULL) || e.getKey().equals(H2_CHANGED) ? "H2 CSVREAD" : "COPY";
            out.append("| ").append(String.join(" | ", e.getKey(), time(median), time(min(ms)), time(max(ms)),
                    String.format(Locale.ROOT, "%,.0f", RowsFile.ROWS / (median / 1000)), vs, baseline,
                    String.format(Locale.ROOT, "%.0f MB", mb(e.getValue().stream().mapToLong(s -> s.heap().peak())
                            .max().orElse(0))),
                    String.format(Locale.ROOT, "%.0f MB", mb(e.getValue().stream()
                            .mapToLong(s -> s.heap().afterGc()).max().orElse(0))),
                    String.format(Locale.ROOT, "%,.0f MB", mb((long) e.getValue().stream()
                            .mapToLong(s -> s.heap().allocated()).average().orElse(0)))))
                    .append(" |\n");
        }
        out.append("\nrows/s = the file's rows / median time. vs baseline = the baseline's time / the operation's time "
                + "in the same round (a ratio of rates), median over the rounds: the PostgreSQL operations and H2's "
                + "CSVREAD against COPY, the H2 refreshes against H2's CSVREAD. Heap: the largest reading over the counted rounds (see HeapMeter); "
                + "allocated: mean per operation, by the measuring thread.\n");
        return out.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static String time(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
