package dev.connections.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RefreshBenchmarks} with {@link HeapProfiler}, then the {@link PairedRun} cross-check, then prints the
 * rates in rows per second, the ratio of each SDK refresh to the commons-csv baseline and the heap readings, as a
 * Markdown table (also written to {@code target/benchmark-results.md}). Takes JMH's command-line options, e.g.
 * {@code -i 3} or {@code -prof gc}, and {@code --pairs N} (default 5; 0 skips the paired check); {@code -h} and
 * {@code -l} go to JMH's own main.
 *
 * <pre>java -Xmx2g -jar benchmarks/target/benchmarks.jar</pre>
 */
public final class Main {

    private static final int DEFAULT_PAIRS = 5;
    private static final int WARMUP_PAIRS = 2;
    private static final String BASELINE = "commonsCsvParse";
    private static final String TOUCHED = "sdkRefreshTouched";
    private static final String UNCHANGED = "sdkRefreshUnchanged";
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(BASELINE, "commons-csv parse only (baseline)");
        NAMES.put("sdkFullRefresh", "SDK full refresh, empty table");
        NAMES.put("sdkRefreshOnePercentChanged", "SDK refresh, 1% of rows changed");
        NAMES.put(TOUCHED, "SDK refresh, file touched (same bytes)");
        NAMES.put(UNCHANGED, "SDK refresh, file unchanged");
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).stream().anyMatch(a -> a.equals("-h") || a.startsWith("-l"))) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        int pairs = DEFAULT_PAIRS;
        int at = jmhArgs.indexOf("--pairs");
        if (at >= 0) {
            if (at + 1 >= jmhArgs.size()) {
                throw new IllegalArgumentException("--pairs takes a number: how many pairs to count, 0 for none");
            }
            pairs = Integer.parseInt(jmhArgs.get(at + 1));
            jmhArgs.subList(at, at + 2).clear();
        }
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        RowsFile.original();
        RowsFile.changed();
        double loadBefore = load();
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).addProfiler(HeapProfiler.class);
        if (cli.getIncludes().isEmpty()) {
            options.include(RefreshBenchmarks.class.getName() + "\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        PairedRun.Result paired = null;
        if (pairs > 0) {
            System.out.printf("%n# Paired check in this JVM: %d warm-up pairs, then %d pairs%n", WARMUP_PAIRS, pairs);
            paired = PairedRun.run(WARMUP_PAIRS, pairs);
        }
        String summary = summary(results, paired, loadBefore, load());
        System.out.println();
        System.out.println(summary);
        Path file = RowsFile.dataDir().resolveSibling("benchmark-results.md");
        try {
            Files.writeString(file, summary, StandardCharsets.UTF_8);
            System.out.println("(also written to " + file + ")");
        } catch (IOException e) {
            System.out.println("(could not write " + file + ": " + e + ")");
        }
        if (results.size() < NAMES.size() && cli.getIncludes().isEmpty()) {
            System.out.println("Some benchmarks failed: see their errors above.");
            System.exit(1);
        }
    }

    private static String summary(Collection<RunResult> results, PairedRun.Result paired, double loadBefore,
                                  double loadAfter) {
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            byName.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), r);
        }
        StringBuilder out = new StringBuilder();
        RunResult any = results.isEmpty() ? null : results.iterator().next();
        out.append(String.format(Locale.ROOT, "%,d rows x %d columns (%s); JDK %s; %d cores; fork JVM options %s; "
                        + "load average %.2f before, %.2f after%n%n", RowsFile.ROWS, RowsFile.COLUMNS.size(),
                RowsFile.original().getFileName(), Runtime.version(), Runtime.getRuntime().availableProcessors(),
                any == null ? "-" : any.getParams().getJvmArgs(), loadBefore, loadAfter));
        out.append("| operation | runs | median | min | max | rows/s (median) | vs baseline | allocated | GC time "
                + "| peak heap | max after GC | live before | live after |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        RunResult baseline = byName.get(BASELINE);
        for (Map.Entry<String, String> name : NAMES.entrySet()) {
            RunResult r = byName.get(name.getKey());
            if (r == null) {
                out.append("| ").append(name.getValue()).append(" | failed or not run |||||||||||\n");
                continue;
            }
            var stats = r.getPrimaryResult().getStatistics();
            double medianMs = stats.getPercentile(50);
            boolean parses = !name.getKey().equals(UNCHANGED) && !name.getKey().equals(TOUCHED);
            out.append("| ").append(String.join(" | ", name.getValue(), String.valueOf(stats.getN()),
                    time(medianMs), time(stats.getMin()), time(stats.getMax()),
                    parses ? rate(medianMs) : "n/a", parses ? ratio(r, baseline) : "n/a",
                    mb(r, HeapProfiler.ALLOCATED), ms(r, HeapProfiler.GC_TIME), mb(r, HeapProfiler.PEAK),
                    mb(r, HeapProfiler.AFTER_GC), mb(r, HeapProfiler.START), mb(r, HeapProfiler.RETAINED)))
                    .append(" |\n");
        }
        out.append("\nrows/s = rows in the file / median time of one pass; n/a where the file is not parsed. "
                + "vs baseline = SDK rows/s / baseline rows/s (baseline median time / SDK median time). "
                + "allocated (by the measuring thread) and GC time: mean of one operation over the measured "
                + "iterations; heap: the largest reading over them (see HeapMeter).\n");
        if (paired != null) {
            out.append(String.format(Locale.ROOT, "%nPaired in one JVM (%s), %d pairs of baseline parse and SDK full "
                            + "refresh in alternating order: baseline median %s, SDK median %s; SDK / baseline "
                            + "rows/s: median %.2f (pairs from %.2f to %.2f).%n",
                    ManagementFactory.getRuntimeMXBean().getInputArguments(), paired.pairs(),
                    time(paired.baselineMs()), time(paired.sdkMs()), paired.ratio(), paired.minRatio(),
                    paired.maxRatio()));
        }
        return out.toString();
    }

    private static String time(double ms) {
        return ms >= 1_000 ? String.format(Locale.ROOT, "%.2f s", ms / 1_000) : String.format(Locale.ROOT,
                "%.1f ms", ms);
    }

    private static String rate(double ms) {
        return String.format(Locale.ROOT, "%,.0f", RowsFile.ROWS / (ms / 1_000));
    }

    private static String ratio(RunResult r, RunResult baseline) {
        if (baseline == null) {
            return "-";
        }
        if (r == baseline) {
            return "1.00";
        }
        double base = baseline.getPrimaryResult().getStatistics().getPercentile(50);
        double it = r.getPrimaryResult().getStatistics().getPercentile(50);
        return String.format(Locale.ROOT, "%.2f", base / it);
    }

    private static String mb(RunResult r, String label) {
        Result<?> x = r.getSecondaryResults().get(label);
        if (x == null) {
            return "-";
        }
        return String.format(Locale.ROOT, x.getScore() < 10 ? "%.2f MB" : "%,.0f MB", x.getScore());
    }

    private static String ms(RunResult r, String label) {
        Result<?> x = r.getSecondaryResults().get(label);
        return x == null ? "-" : String.format(Locale.ROOT, "%,.0f ms", x.getScore());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
