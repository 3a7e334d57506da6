package dev.connections.benchmarks;

import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.csv.CsvConnector;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.TestConnectorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the CSV full refresh's time between the connector and the rest: in one JVM, rounds of (baseline parse, the
 * csv connector's full read into a sink that only counts, SDK full refresh into a new SDK), the order rotating round
 * by round, each reported as a ratio to the baseline of its round. The connector's read is the part the csv module
 * owns (decoding, guard, parse, typing, rows); the SDK refresh adds the engine and the in-memory storage. Meant to be
 * run under a JFR recording to see where each part spends its time:
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.connections.benchmarks.CsvReadProfile 2 5 [connector|sdk|all]
 * </pre>
 *
 * The arguments are the warm-up rounds, the counted rounds and what to run beside the baseline (default all). Each
 * part is reported in wall time and in the CPU time of the calling thread (which runs the whole read or refresh, but
 * not the collector's threads): on a shared machine the CPU ratio moves far less with the load than the wall ratio.
 */
public final class CsvReadProfile {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile long sink;

    private CsvReadProfile() {
    }

    public static void main(String[] args) {
        int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String what = args.length > 2 ? args[2] : "all";
        boolean connector = !what.equals("sdk");
        boolean sdk = !what.equals("connector");
        RefreshBenchmarks bench = new RefreshBenchmarks();
        RefreshBenchmarks.ParseOnly parse = new RefreshBenchmarks.ParseOnly();
        parse.file();
        Path folder = RowsFile.folderWith("profile", RowsFile.original(), Instant.EPOCH.plusSeconds(86_400));
        double[] connectorRatios = new double[rounds];
        double[] sdkRatios = new double[rounds];
        double[] connectorCpuRatios = new double[rounds];
        double[] sdkCpuRatios = new double[rounds];
        for (int i = 0; i < warmups + rounds; i++) {
            double[] b = null;
            double[] c = {0, 0};
            double[] s = {0, 0};
            for (int step = 0; step < 3; step++) {
                switch ((i + step) % 3) {
                    case 0 -> b = baseline(bench, parse);
                    case 1 -> c = connector ? connectorRead(folder) : c;
                    default -> s = sdk ? sdkRefresh(folder) : s;
                }
            }
            boolean counted = i >= warmups;
            System.out.printf(Locale.ROOT, "%s %d: baseline %.0f ms (cpu %.0f), connector read %.0f ms (cpu %.0f): "
                    + "%.2f (cpu %.2f), SDK full refresh %.0f ms (cpu %.0f): %.2f (cpu %.2f)%n",
                    counted ? "round" : "warm-up", counted ? i - warmups + 1 : i + 1, b[0], b[1], c[0], c[1],
                    ratio(b[0], c[0]), ratio(b[1], c[1]), s[0], s[1], ratio(b[0], s[0]), ratio(b[1], s[1]));
            if (counted) {
                connectorRatios[i - warmups] = ratio(b[0], c[0]);
                sdkRatios[i - warmups] = ratio(b[0], s[0]);
                connectorCpuRatios[i - warmups] = ratio(b[1], c[1]);
                sdkCpuRatios[i - warmups] = ratio(b[1], s[1]);
            }
        }
        System.out.printf(Locale.ROOT, "median ratio to the baseline (rows/s), wall / thread cpu: connector read %.2f "
                + "/ %.2f, SDK full refresh %.2f / %.2f%n", median(connectorRatios), median(connectorCpuRatios),
                median(sdkRatios), median(sdkCpuRatios));
    }

    private static double ratio(double baseline, double other) {
        return other == 0 ? 0 : baseline / other;
    }

    /** @return {wall ms, calling thread's cpu ms} since the given starts */
    private static double[] since(long wallStart, long cpuStart) {
        double wall = (System.nanoTime() - wallStart) / 1e6;
        return new double[] {wall, (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6};
    }

    private static double[] baseline(RefreshBenchmarks bench, RefreshBenchmarks.ParseOnly parse) {
        System.gc();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        try {
            sink += bench.commonsCsvParse(parse);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return since(started, cpu);
    }

    private static double[] connectorRead(Path folder) {
        CsvConnector csv = CsvConnector.allowingRoots(folder);
        TestConnectorContext context = new TestConnectorContext(ConnectionId.random(),
                Map.of("folder", folder.toString()), Clock.systemUTC());
        try (ConnectorSession session = csv.open(context)) {
            SourceSchema schema = session.describe(RowsFile.NAME);
            List<SourceField> fields = RowsFile.COLUMNS.stream().map(n -> schema.field(n).orElseThrow()).toList();
            long[] rows = {0};
            System.gc();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            session.read(new ReadRequest(RowsFile.NAME, fields, List.of("id"), Filter.all(), ReadMode.FULL, null),
                    new RecordSink() {
                        @Override
                        public void accept(Row row) {
                            rows[0] += row.values().length > 0 ? 1 : 0;
                        }

                        @Override
                        public void deleted(Object... key) {
                            throw new IllegalStateException("a full read reports no deletions");
                        }
                    });
            double[] times = since(started, cpu);
            if (rows[0] != RowsFile.ROWS) {
                throw new IllegalStateException("read " + rows[0] + " rows, expected " + RowsFile.ROWS);
            }
            sink += rows[0];
            return times;
        }
    }

    private static double[] sdkRefresh(Path folder) {
        try (BenchTable table = new BenchTable(folder)) {
            System.gc();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            sink += table.refresh("added " + RowsFile.ROWS, c -> c.added() == RowsFile.ROWS).counts().added();
            return since(started, cpu);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
