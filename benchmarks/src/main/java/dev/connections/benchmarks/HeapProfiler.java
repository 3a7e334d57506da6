package dev.connections.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the {@link HeapMeter} reading of each iteration to JMH's results, as secondary results: heap readings in MB
 * aggregated by their maximum over the measured iterations, allocation (MB) and GC time (ms) by their mean.
 * {@link Main} adds it; with JMH's own main use {@code -prof dev.connections.benchmarks.HeapProfiler}.
 */
public final class HeapProfiler implements InternalProfiler {

    static final String PEAK = "heap.peak";
    static final String AFTER_GC = "heap.afterGc";
    static final String START = "heap.start";
    static final String RETAINED = "heap.retained";
    static final String ALLOCATED = "alloc";
    static final String GC_TIME = "gc.time";
    private static final double MB = 1024.0 * 1024.0;

    /** For JMH, which creates profilers by class name. */
    public HeapProfiler() {
    }

    @Override
    public String getDescription() {
        return "Heap used during each measured operation: pool peaks, largest after-GC use, live data before/after";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // HeapMeter starts inside the benchmark's own setup, after the state for the iteration is built
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        HeapMeter.Reading r = HeapMeter.take();
        if (r == null) {
            return List.of();
        }
        return List.of(mb(PEAK, r.peak()), mb(AFTER_GC, r.afterGc()), mb(START, r.start()),
                mb(RETAINED, r.retained()),
                new ScalarResult(ALLOCATED, r.allocated() / MB, "MB", AggregationPolicy.AVG),
                new ScalarResult(GC_TIME, r.gcMillis(), "ms", AggregationPolicy.AVG));
    }

    private static ScalarResult mb(String label, long bytes) {
        return new ScalarResult(label, bytes / MB, "MB", AggregationPolicy.MAX);
    }
}
