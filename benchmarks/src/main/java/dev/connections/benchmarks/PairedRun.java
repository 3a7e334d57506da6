package dev.connections.benchmarks;

import dev.connections.api.RefreshRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cross-check of the JMH ratio that load on a shared machine cannot skew: in one JVM, alternate a baseline parse
 * and an SDK full refresh (into a new SDK each time), pair by pair, switching which goes first, and take the median
 * of the per-pair ratios. A change of machine load between JMH's forks moves the JMH ratio; here it hits both halves
 * of a pair alike. Warm-up pairs come first and are not counted. Runs in the calling thread.
 */
final class PairedRun {

    /**
     * @param baselineMs median time of the baseline parse
     * @param sdkMs      median time of the SDK full refresh
     * @param ratio      median of the per-pair ratios of rows/s, SDK / baseline
     * @param minRatio   the smallest per-pair ratio
     * @param maxRatio   the largest per-pair ratio
     * @param pairs      how many pairs were counted
     */
    record Result(double baselineMs, double sdkMs, double ratio, double minRatio, double maxRatio, int pairs) {
    }

    private static volatile long sink;

    private PairedRun() {
    }

    static Result run(int warmups, int pairs) {
        RefreshBenchmarks bench = new RefreshBenchmarks();
        RefreshBenchmarks.ParseOnly parse = new RefreshBenchmarks.ParseOnly();
        parse.file();
        Path folder = RowsFile.folderWith("paired", RowsFile.original(), Instant.EPOCH.plusSeconds(86_400));
        double[] baseline = new double[pairs];
        double[] sdk = new double[pairs];
        double[] ratios = new double[pairs];
        for (int i = 0; i < warmups + pairs; i++) {
            double b;
            double s;
            if (i % 2 == 0) {
                b = baseline(bench, parse);
                s = sdk(folder);
            } else {
                s = sdk(folder);
                b = baseline(bench, parse);
            }
            boolean counted = i >= warmups;
            System.out.printf(Locale.ROOT, "%s %d: baseline %.0f ms, SDK full refresh %.0f ms, ratio %.2f%n",
                    counted ? "pair" : "warm-up pair", counted ? i - warmups + 1 : i + 1, b, s, b / s);
            if (counted) {
                baseline[i - warmups] = b;
                sdk[i - warmups] = s;
                ratios[i - warmups] = b / s;
            }
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return new Result(median(baseline), median(sdk), median(ratios), sorted[0], sorted[pairs - 1], pairs);
    }

    private static double baseline(RefreshBenchmarks bench, RefreshBenchmarks.ParseOnly parse) {
        System.gc();
        long started = System.nanoTime();
        try {
            sink += bench.commonsCsvParse(parse);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static double sdk(Path folder) {
        try (BenchTable table = new BenchTable(folder)) {
            System.gc();
            long started = System.nanoTime();
            RefreshRun run = table.refresh("added " + RowsFile.ROWS, c -> c.added() == RowsFile.ROWS);
            double ms = (System.nanoTime() - started) / 1e6;
            sink += run.counts().added();
            return ms;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
