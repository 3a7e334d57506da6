package dev.connections.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap around one measured operation, in the JVM that runs it. A benchmark state calls {@link #begin()}
 * at the end of its per-iteration setup and {@link #end()} at the start of its per-iteration teardown (both outside
 * the timed part); {@link HeapProfiler} then reports the reading with the iteration's results.
 *
 * <ul>
 *   <li><b>peak</b>: the sum of the heap pools' peak usage since {@code begin()} (pools are reset there). What a
 *       {@code MemoryPoolMXBean} tells; an upper bound of the peak of the total, as pools peak at different moments,
 *       and it counts garbage the collector had not yet needed to reclaim.</li>
 *   <li><b>after GC</b>: the largest heap in use right after any collection during the operation: live data plus
 *       garbage not yet collected in the old generation. The closest of the three to what the operation needs.
 *       When no collection ran, the heap in use at {@code begin()}. The pauses of G1's concurrent cycle (remark,
 *       cleanup; JDK 17 reports them as "G1 Concurrent GC") are not counted: they collect nothing.</li>
 *   <li><b>start</b> and <b>retained</b>: the heap in use after a full collection before and after the operation,
 *       i.e. live data (for the SDK: mostly the in-memory storage's rows).</li>
 *   <li><b>allocated</b>: what the measuring thread allocated, and <b>GC time</b>: what the collectors report.</li>
 * </ul>
 * Used by one benchmark thread at a time.
 */
final class HeapMeter {

    /**
     * One operation's reading.
     *
     * @param start     heap in use after a full collection before the operation, in bytes
     * @param peak      sum of the heap pools' peaks during it, in bytes
     * @param afterGc   largest heap in use after a collection during it, in bytes
     * @param retained  heap in use after a full collection after it, in bytes
     * @param allocated bytes the measuring thread allocated during it (the SDK refreshes on the caller's thread)
     * @param gcMillis  time the collectors report spent during it (on 2 cores, partly time the operation waits)
     */
    record Reading(long start, long peak, long afterGc, long retained, long allocated, long gcMillis) {
    }

    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private static final Set<String> HEAP_NAMES = HEAP.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final String GC_DONE = GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION;
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static volatile boolean armed;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile long start;
    private static volatile long allocatedAtStart;
    private static volatile long gcMillisAtStart;
    private static volatile Reading last;

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (armed && GC_DONE.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        if (info.getGcName().contains("Concurrent")) {
                            // G1's remark and cleanup pauses of a concurrent cycle collect nothing: the heap
                            // "after" them is whatever the application allocated since the last collection
                            return;
                        }
                        MAX_AFTER_GC.accumulateAndGet(heapOf(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                    }
                }, null, null);
            }
        }
    }

    private HeapMeter() {
    }

    /** Collects garbage, notes the heap in use, and starts watching. */
    static void begin() {
        armed = false;
        start = usedAfterFullGc();
        HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
        MAX_AFTER_GC.set(start);
        gcMillisAtStart = gcMillis();
        allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
        armed = true;
    }

    /** Stops watching, reads the peaks, then collects garbage to see what the operation left behind. */
    static void end() {
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
        long gc = gcMillis() - gcMillisAtStart;
        long peak = HEAP.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        armed = false;
        long afterGc = MAX_AFTER_GC.get();
        last = new Reading(start, peak, afterGc, usedAfterFullGc(), allocated, gc);
    }

    /** @return the reading of the last operation, once; null when there is none */
    static Reading take() {
        Reading r = last;
        last = null;
        return r;
    }

    private static long usedAfterFullGc() {
        System.gc();
        return HEAP.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long heapOf(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> HEAP_NAMES.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }
}
