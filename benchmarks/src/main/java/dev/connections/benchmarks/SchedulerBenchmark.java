package dev.connections.benchmarks;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ConnectionsListener;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableDetails;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.csv.CsvConnector;
import dev.connections.jdbc.JdbcStorage;
import dev.connections.spi.storage.Storage;
import dev.connections.tck.ForwardingStorage;
import dev.connections.tck.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The built-in scheduler at 10,000 connected tables, on the in-memory storage and on the embedded H2 storage
 * ({@code JdbcStorage.embedded}, a fresh folder under {@code target/bench-data}), both in the same run:
 *
 * <ol>
 *   <li><b>creating tables</b>: 10,000 tables ({@code T1} … {@code T10000}, every 10th manual, the rest
 *       {@code every 1 hours}) on one CSV connection over a folder with a tiny file (the connector registered with
 *       {@code CsvConnector.allowingRoots(folder)}); the time of each 1,000, the last 1,000 against the first, the
 *       median time and CPU time (of the creating thread, which is where embedded H2 works) of one create among the
 *       first and the last 1,000, and the total. A throwaway storage of the same kind gets 5,000 tables first (H2:
 *       300), so that neither the JIT nor the database starts cold;</li>
 *   <li><b>{@code tables().list}</b> of the 10,000 tables: median of 20 calls (and their CPU time), after 200
 *       untimed calls in memory (the JIT needs about 100 to compile it) and 20 on H2;</li>
 *   <li><b>one pass with nothing due</b> ({@code runDueRefreshes()}): median of 20, after 20 untimed;</li>
 *   <li><b>idle CPU after {@code start()}</b>, nothing due for the next hour: process CPU time over 20 s, as % of one
 *       core, beside the 5 s before {@code start()}, and which threads used it;</li>
 *   <li><b>pick-up delay</b>: 200 more tables due at known instants spread over 20 s, made by creating them through an
 *       SDK whose clock is set one hour back (an {@code every 1 hours} table is due an hour after its creation); that
 *       SDK is closed, and one on the real clock with 4 refresh threads and the built-in scheduler is started on the
 *       same storage: delay = the instant of {@code RefreshStarted} − the due time (checked against
 *       {@code details().nextRefreshAt()} before the start);</li>
 *   <li><b>burst</b>: 500 more tables all due at once (created two hours back): from {@code start()} until the 500th
 *       scheduled refresh has finished, 4 refresh threads; the history must show exactly one SCHEDULED, SUCCEEDED run
 *       per table;</li>
 *   <li><b>heap per table</b>: heap in use after a full GC once the 10,000 tables exist, minus before, / 10,000
 *       ({@link HeapMeter}); for H2 also the database folder's size / 10,000.</li>
 * </ol>
 *
 * Every SDK after the first runs on the storage the first one left: the same {@code InMemoryStorage}, or for H2 the
 * same folder, closed after step 1 and opened once more (that open is timed), then kept open for the pick-up and
 * burst SDKs (each closes only its own threads), since opening an H2 database of 10,000 tables takes long.
 *
 * A count that is not what it must be (a refresh that failed, a table started twice or not at all, a list of another
 * size, a pass that starts something) stops the benchmark with an exception: exit code 1. Goals that are missed are
 * only reported. Plain program, not JMH; nothing of it runs during a build:
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.connections.benchmarks.SchedulerBenchmark</pre>
 *
 * Optional arguments: the number of tables (a multiple of 1,000; default 10,000), the idle window in seconds
 * (default 20), and {@code memory} or {@code h2} to run one storage only. Prints a Markdown table, also written to
 * {@code target/scheduler-benchmark-results.md}.
 */
public final class SchedulerBenchmark {

    private static final Principal PAM = Principal.of("pam");
    private static final String APP = "bench";
    private static final String FILE = "tiny.csv";
    private static final String CSV = "id,name,amount\r\n1,Pam,12.50\r\n2,Jim,7.25\r\n3,Dwight,100.00\r\n";
    private static final int ROWS = 3;
    private static final byte[] KEY = new byte[32];
    /** Tables made in a throwaway storage first: many where they are cheap (JIT), a few on H2. */
    private static final int WARM_UP_MEMORY = 5_000;
    private static final int WARM_UP_H2 = 300;
    private static final int PICKUP = 200;
    /** The first tables of the pick-up to fall due, which find every refresh thread idle. */
    private static final int FIRST = 10;
    private static final Duration PICKUP_SPREAD = Duration.ofSeconds(20);
    private static final int BURST = 500;
    private static final int THREADS = 4;
    private static final int CALLS = 20;
    /** Untimed calls of {@code list} (and of a pass) before the timed ones. */
    private static final int LIST_WARM_UP_MEMORY = 200;
    private static final int LIST_WARM_UP_H2 = 20;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration BEFORE_START = Duration.ofSeconds(5);

    /** One kind of storage and the data in it, which every SDK of one run finds again. */
    private interface Kind {
        String name();

        Storage open();

        /**
         * Opens the storage once more (after the SDK that made the tables closed it) and keeps it open for every
         * later SDK, which get it through a wrapper that does not close it, as the in-memory runs share their
         * {@code InMemoryStorage}; {@link #dispose} closes it.
         *
         * @return how long opening it took, in ms
         */
        double keepOpen();

        /** @return whether the storage keeps its own secret key (H2 keeps a key file in its folder) */
        boolean keepsKey();

        /** @return the bytes it keeps on disk; -1 for none */
        long diskBytes();

        void dispose() throws IOException;
    }

    /** What was measured on one storage. */
    private static final class Figures {
        final String storage;
        double[] thousandsMs;
        /** the time of each create, in order */
        double[] eachMs;
        /** the CPU time of the creating thread (H2 runs in it) for each create, in order */
        double[] eachCpuMs;
        double[] listCpuMs;
        double createTotalMs;
        double[] listMs;
        double[] passMs;
        double idleCpuPercent;
        double cpuBeforeStartPercent;
        double idleCpuLastHalfPercent;
        double idleSeconds;
        double[] delaysMs;
        double[] refreshMs;
        double[] firstDelaysMs;
        String idleThreads;
        double burstMs;
        double burstFirstStartMs;
        long heapPerTable;
        double reopenMs;
        long diskPerTable = -1;

        Figures(String storage) {
            this.storage = storage;
        }
    }

    private final int tables;
    private final Duration idle;
    private final Path folder;

    private SchedulerBenchmark(int tables, Duration idle, Path folder) {
        this.tables = tables;
        this.idle = idle;
        this.folder = folder;
    }

    public static void main(String[] args) throws Exception {
        int tables = 10_000;
        Duration idle = Duration.ofSeconds(20);
        String only = null;
        int positional = 0;
        for (String arg : args) {
            if (arg.equalsIgnoreCase("memory") || arg.equalsIgnoreCase("h2")) {
                only = arg.toLowerCase(Locale.ROOT);
            } else if (positional++ == 0) {
                tables = Integer.parseInt(arg);
            } else {
                idle = Duration.ofSeconds(Long.parseLong(arg));
            }
        }
        if (tables < 1_000 || tables % 1_000 != 0) {
            throw new IllegalArgumentException("the number of tables must be a multiple of 1,000, not " + tables);
        }
        Path data = RowsFile.dataDir();
        Files.createDirectories(data);
        Path folder = data.resolve("scheduler-csv");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FILE), CSV, StandardCharsets.UTF_8);
        SchedulerBenchmark bench = new SchedulerBenchmark(tables, idle, folder);
        double loadBefore = load();
        long started = System.nanoTime();
        List<Figures> all = new ArrayList<>();
        if (only == null || only.equals("memory")) {
            all.add(bench.run(memory()));
        }
        if (only == null || only.equals("h2")) {
            all.add(bench.run(h2(data)));
        }
        String summary = bench.summary(all, loadBefore, load(), (System.nanoTime() - started) / 1e9);
        System.out.println();
        System.out.println(summary);
        Path file = data.resolveSibling("scheduler-benchmark-results.md");
        Files.writeString(file, summary, StandardCharsets.UTF_8);
        System.out.println("(also written to " + file + ")");
    }

    private static Supplier<Kind> memory() {
        return () -> {
            Storage storage = Connections.inMemoryStorage();
            return new Kind() {
                @Override
                public String name() {
                    return "in-memory";
                }

                @Override
                public Storage open() {
                    return storage;   // closing it does nothing: the next SDK finds everything
                }

                @Override
                public double keepOpen() {
                    return 0;
                }

                @Override
                public boolean keepsKey() {
                    return false;
                }

                @Override
                public long diskBytes() {
                    return -1;
                }

                @Override
                public void dispose() {
                }
            };
        };
    }

    private static Supplier<Kind> h2(Path data) {
        return () -> {
            Path dir;
            try {
                dir = Files.createTempDirectory(data, "scheduler-h2-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Kind() {
                private JdbcStorage kept;

                @Override
                public String name() {
                    return "H2 (embedded)";
                }

                @Override
                public Storage open() {
                    return kept == null ? JdbcStorage.embedded(dir) : new Kept(kept);
                }

                @Override
                public double keepOpen() {
                    long started = System.nanoTime();
                    kept = JdbcStorage.embedded(dir);
                    return (System.nanoTime() - started) / 1e6;
                }

                @Override
                public boolean keepsKey() {
                    return true;
                }

                @Override
                public long diskBytes() {
                    try (Stream<Path> all = Files.walk(dir)) {
                        return all.filter(Files::isRegularFile).mapToLong(SchedulerBenchmark::size).sum();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void dispose() throws IOException {
                    if (kept != null) {
                        kept.close();
                        kept = null;
                    }
                    delete(dir);
                }
            };
        };
    }

    /** A storage that the SDKs built on it do not close. */
    private static final class Kept extends ForwardingStorage {
        Kept(Storage storage) {
            super(storage);
        }

        @Override
        public void close() {
            // kept open for the next SDK
        }
    }

    private Connections.Builder builder(Kind kind) {
        // the csv connector reads only folders the host allows in code
        Connections.Builder b = Connections.builder().storage(kind.open())
                .connector(CsvConnector.allowingRoots(folder));
        return kind.keepsKey() ? b : b.secretKey(KEY);
    }

    private Figures run(Supplier<Kind> kinds) throws Exception {
        warmUp(kinds.get());
        Kind kind = kinds.get();
        Figures f = new Figures(kind.name());
        System.out.printf(Locale.ROOT, "%n# %s: %,d tables%n", kind.name(), tables);
        try {
            ConnectionId connection = createAndIdle(kind, f);
            f.reopenMs = kind.keepOpen();
            if (f.reopenMs > 0) {
                System.out.printf(Locale.ROOT, "opening the storage again (%,d tables): %.1f s%n", tables,
                        f.reopenMs / 1e3);
            }
            pickUp(kind, connection, f);
            burst(kind, connection, f);
        } finally {
            kind.dispose();
        }
        return f;
    }

    /** Creates tables in a throwaway storage of the same kind, lists them and refreshes a few: JIT, H2 warm. */
    private void warmUp(Kind kind) throws IOException {
        int warmUpTables = kind.keepsKey() ? WARM_UP_H2 : WARM_UP_MEMORY;
        long started = System.nanoTime();
        try (Connections sdk = builder(kind).externalScheduler().refreshThreads(THREADS).build()) {
            ConnectionId c = connection(sdk);
            List<ConnectedTable> made = new ArrayList<>();
            for (int i = 1; i <= warmUpTables; i++) {
                made.add(create(sdk, c, "W" + i, RefreshSchedule.everyHours(1)));
            }
            for (int i = 0; i < 5; i++) {
                sdk.tables().list(PAM);
                sdk.runDueRefreshes();
            }
            for (int i = 0; i < 20; i++) {
                expectSucceeded(sdk.tables().refresh(PAM, made.get(i).id()));
            }
        } finally {
            kind.dispose();
        }
        System.out.printf(Locale.ROOT, "warm-up (%d tables in a throwaway storage): %.1f s%n", warmUpTables,
                (System.nanoTime() - started) / 1e9);
    }

    /** Steps 1, 2, 3 and 6, then the idle CPU after start(). @return the connection's id */
    private ConnectionId createAndIdle(Kind kind, Figures f) throws InterruptedException {
        Recorder events = new Recorder(Set.of());
        ConnectionId c;
        try (Connections sdk = builder(kind).listener(events).build()) {
            c = connection(sdk);
            HeapMeter.begin();
            f.thousandsMs = new double[tables / 1_000];
            f.eachMs = new double[tables];
            f.eachCpuMs = new double[tables];
            long started = System.nanoTime();
            long mark = started;
            for (int i = 1; i <= tables; i++) {
                // most every hour, every 10th manual: nothing falls due within the run
                long cpu = THREAD_CPU.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                create(sdk, c, "T" + i, i % 10 == 0 ? RefreshSchedule.manual() : RefreshSchedule.everyHours(1));
                long now = System.nanoTime();
                f.eachMs[i - 1] = (now - t) / 1e6;
                f.eachCpuMs[i - 1] = (THREAD_CPU.getCurrentThreadCpuTime() - cpu) / 1e6;
                if (i % 1_000 == 0) {
                    f.thousandsMs[i / 1_000 - 1] = (now - mark) / 1e6;
                    mark = now;
                    System.out.printf(Locale.ROOT, "created %,6d tables: last 1,000 in %7.0f ms (CPU %7.0f ms; one "
                                    + "create: median %.2f ms, CPU %.2f ms)%n", i, f.thousandsMs[i / 1_000 - 1],
                            Arrays.stream(f.eachCpuMs, i - 1_000, i).sum(),
                            median(Arrays.copyOfRange(f.eachMs, i - 1_000, i)),
                            median(Arrays.copyOfRange(f.eachCpuMs, i - 1_000, i)));
                }
            }
            f.createTotalMs = (System.nanoTime() - started) / 1e6;
            HeapMeter.end();
            HeapMeter.Reading heap = HeapMeter.take();
            f.heapPerTable = (heap.retained() - heap.start()) / tables;
            System.out.printf(Locale.ROOT, "heap after GC: %.1f MB before, %.1f MB after: %,d bytes per table%n",
                    heap.start() / 1048576.0, heap.retained() / 1048576.0, f.heapPerTable);

            // until the JIT has compiled it, a list of 10,000 in memory takes 10 ms instead of 1-2: warm it up
            int warmUpCalls = kind.keepsKey() ? LIST_WARM_UP_H2 : LIST_WARM_UP_MEMORY;
            f.listCpuMs = new double[CALLS];
            int[] call = {-warmUpCalls};
            f.listMs = repeat(warmUpCalls, () -> {
                long cpu = THREAD_CPU.getCurrentThreadCpuTime();
                int n = sdk.tables().list(PAM).size();
                if (call[0] >= 0) {
                    f.listCpuMs[call[0]] = (THREAD_CPU.getCurrentThreadCpuTime() - cpu) / 1e6;
                }
                call[0]++;
                if (n != tables) {
                    throw new IllegalStateException("list returned " + n + " tables, expected " + tables);
                }
            });
            System.out.printf(Locale.ROOT, "list of %,d tables: median %.1f ms (CPU of the calling thread %.1f ms)%n",
                    tables, median(f.listMs), median(f.listCpuMs));
            f.passMs = repeat(LIST_WARM_UP_H2, () -> {
                int n = sdk.runDueRefreshes().size();
                if (n != 0) {
                    throw new IllegalStateException("a pass with nothing due started " + n + " refreshes");
                }
            });
            System.out.printf(Locale.ROOT, "one pass, nothing due (runDueRefreshes): median %.2f ms%n",
                    median(f.passMs));

            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            // let the JIT and the collector finish with the work above, then read the CPU of 5 s before start()
            Thread.sleep(SETTLE.toMillis());
            long cpuBefore = os.getProcessCpuTime();
            long tBefore = System.nanoTime();
            Thread.sleep(BEFORE_START.toMillis());
            Map<Long, Long> threads0 = threadCpu();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            f.cpuBeforeStartPercent = 100.0 * (cpu0 - cpuBefore) / (t0 - tBefore);
            sdk.start();
            Thread.sleep(idle.toMillis() / 2);
            long cpuHalf = os.getProcessCpuTime();
            long tHalf = System.nanoTime();
            Thread.sleep(idle.toMillis() - idle.toMillis() / 2);
            long cpu1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            f.idleThreads = whereCpuWent(threads0, cpu1 - cpu0);
            f.idleSeconds = (t1 - t0) / 1e9;
            f.idleCpuPercent = 100.0 * (cpu1 - cpu0) / (t1 - t0);
            f.idleCpuLastHalfPercent = 100.0 * (cpu1 - cpuHalf) / (t1 - tHalf);
            if (!events.starts.isEmpty()) {
                throw new IllegalStateException(events.starts.size() + " refreshes started while nothing was due");
            }
            System.out.printf(Locale.ROOT, "idle CPU after start(), %.1f s: %.3f%% of a core (second half %.3f%%; "
                            + "%.3f%% in the 5 s before start()); by thread: %s%n", f.idleSeconds, f.idleCpuPercent,
                    f.idleCpuLastHalfPercent, f.cpuBeforeStartPercent, f.idleThreads);
        }
        long disk = kind.diskBytes();
        if (disk >= 0) {
            f.diskPerTable = disk / tables;
            System.out.printf(Locale.ROOT, "database folder: %.1f MB, %,d bytes per table%n", disk / 1048576.0,
                    f.diskPerTable);
        }
        return c;
    }

    /**
     * Step 4: 200 tables due at known instants over 20 s; an SDK on the real clock picks them up. When creating them
     * took so long that the first was due before the scheduler started, they are deleted and made again with twice
     * the lead.
     */
    private void pickUp(Kind kind, ConnectionId connection, Figures f) throws InterruptedException {
        double perTableMs = f.thousandsMs[f.thousandsMs.length - 1] / 1_000;
        Duration extra = Duration.ofSeconds(5);
        for (int attempt = 1; ; attempt++) {
            long opening = System.nanoTime();
            MutableClock past = new MutableClock(Instant.now().minus(HOUR));
            Connections creator = builder(kind).clock(past).externalScheduler().build();
            double openMs = (System.nanoTime() - opening) / 1e6;
            // due times must lie after the SDK below has started: leave time to create the tables (three times as
            // long as the last 1,000 of step 1 took per table), to close and open the storage (twice as long as
            // opening it took just now), and a few seconds more
            Duration lead = extra.plusMillis((long) (3 * PICKUP * perTableMs + 2 * openMs));
            Instant first = Instant.now().plus(lead).truncatedTo(ChronoUnit.MILLIS);
            long step = PICKUP_SPREAD.toMillis() / PICKUP;
            Map<TableId, Instant> due = new ConcurrentHashMap<>();
            try (Connections sdk = creator) {
                for (int i = 0; i < PICKUP; i++) {
                    Instant at = first.plusMillis(i * step);
                    past.set(at.minus(HOUR));
                    ConnectedTable t = create(sdk, connection, "P" + (i + 1), RefreshSchedule.everyHours(1));
                    due.put(t.id(), at);
                }
            }
            Recorder events = new Recorder(due.keySet());
            opening = System.nanoTime();
            try (Connections sdk = builder(kind).refreshThreads(THREADS).listener(events).build()) {
                double reopenMs = (System.nanoTime() - opening) / 1e6;
                // the stored due times are the ones made: a sample of 10 (each details() costs a few queries)
                for (TableId id : due.keySet().stream().limit(10).toList()) {
                    TableDetails d = sdk.tables().details(PAM, id);
                    if (!due.get(id).equals(d.nextRefreshAt())) {
                        throw new IllegalStateException("table " + d.table().name() + " is due at "
                                + d.nextRefreshAt() + ", expected " + due.get(id));
                    }
                }
                Instant now = Instant.now();
                if (now.isAfter(first.minusMillis(500))) {
                    System.out.printf(Locale.ROOT, "pick-up, attempt %d: the tables were ready %d ms after the "
                                    + "first was due (opening the storage took %.1f s, then %.1f s); again with a "
                                    + "longer lead%n", attempt, Duration.between(first, now).toMillis(), openMs / 1e3,
                            reopenMs / 1e3);
                    if (attempt == 3) {
                        throw new IllegalStateException("the pick-up setup took too long three times");
                    }
                    for (TableId id : due.keySet()) {
                        sdk.tables().delete(PAM, id);
                    }
                    extra = extra.plus(Duration.between(first, now)).plus(lead);
                    continue;
                }
                System.out.printf(Locale.ROOT, "pick-up: %d tables due from %s, every %d ms; the scheduler started "
                                + "%.1f s before the first (opening the storage took %.1f s, then %.1f s)%n", PICKUP,
                        first, step, Duration.between(now, first).toMillis() / 1e3, openMs / 1e3, reopenMs / 1e3);
                sdk.start();
                events.await(PICKUP_SPREAD.plus(lead).plusSeconds(60), "pick-up");
                Thread.sleep(1_000);   // a table started twice would show here
                events.check(PICKUP);
                checkHistory(sdk, due.keySet());
            }
            delays(f, due, events);
            return;
        }
    }

    /**
     * Each table's delay from its due time to its RefreshStarted instant, and how long each refresh took from its
     * RefreshStarted to its RefreshFinished instant: when refreshes take longer than the interval between due times
     * × the refresh threads, the threads are not free and the delays grow with the queue.
     */
    private static void delays(Figures f, Map<TableId, Instant> due, Recorder events) {
        List<Double> delays = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        for (Map.Entry<TableId, Instant> e : due.entrySet()) {
            Instant started = events.starts.get(e.getKey()).get(0);
            double ms = Duration.between(e.getValue(), started).toNanos() / 1e6;
            if (ms < 0) {
                throw new IllegalStateException("a table started " + (-ms) + " ms before it was due");
            }
            delays.add(ms);
            durations.add(Duration.between(started, events.finishes.get(e.getKey())).toNanos() / 1e6);
        }
        // the first 10 to fall due find the refresh threads idle: their delay is the scheduler's own
        f.firstDelaysMs = due.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(FIRST)
                .mapToDouble(e -> Duration.between(e.getValue(), events.starts.get(e.getKey()).get(0)).toNanos()
                        / 1e6).sorted().toArray();
        f.delaysMs = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        f.refreshMs = durations.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "pick-up delay: p50 %.0f ms, p99 %.0f ms, max %.0f ms; of the first %d due: "
                        + "median %.0f ms, max %.0f ms; one refresh (started to finished): p50 %.0f ms, max %.0f ms%n",
                percentile(f.delaysMs, 50), percentile(f.delaysMs, 99), max(f.delaysMs), FIRST,
                median(f.firstDelaysMs), max(f.firstDelaysMs), percentile(f.refreshMs, 50), max(f.refreshMs));
    }

    /** Step 5: 500 tables all due at once (an hour ago); time from start() until all 500 finished. */
    private void burst(Kind kind, ConnectionId connection, Figures f) throws InterruptedException {
        Set<TableId> ids = ConcurrentHashMap.newKeySet();
        Instant created = Instant.now().minus(HOUR.multipliedBy(2)).truncatedTo(ChronoUnit.MILLIS);
        try (Connections sdk = builder(kind).clock(new MutableClock(created)).externalScheduler().build()) {
            for (int i = 1; i <= BURST; i++) {
                ids.add(create(sdk, connection, "B" + i, RefreshSchedule.everyHours(1)).id());
            }
        }
        Recorder events = new Recorder(ids);
        try (Connections sdk = builder(kind).refreshThreads(THREADS).listener(events).build()) {
            long t0 = System.nanoTime();
            sdk.start();
            events.await(Duration.ofMinutes(3), "burst");
            f.burstMs = (events.lastFinish.get() - t0) / 1e6;
            f.burstFirstStartMs = (events.firstStart.get() - t0) / 1e6;
            Thread.sleep(1_000);
            events.check(BURST);
            checkHistory(sdk, ids);
        }
        System.out.printf(Locale.ROOT, "burst of %d due at once, %d threads: all finished %.2f s after start() "
                + "(first started after %.0f ms); history: %d runs, one per table%n", BURST, THREADS,
                f.burstMs / 1e3, f.burstFirstStartMs, BURST);
    }

    /** Every table has exactly one run in its history: SCHEDULED, SUCCEEDED, all rows added. */
    private static void checkHistory(Connections sdk, Set<TableId> ids) {
        int runs = 0;
        for (TableId id : ids) {
            List<RefreshRun> history = sdk.tables().history(PAM, id, 10);
            if (history.size() != 1) {
                throw new IllegalStateException("table " + id + " has " + history.size() + " runs, expected 1");
            }
            RefreshRun run = history.get(0);
            if (run.trigger() != RefreshRun.Trigger.SCHEDULED || run.status() != RefreshStatus.SUCCEEDED
                    || run.counts().added() != ROWS) {
                throw new IllegalStateException("table " + id + ": expected one SCHEDULED run that SUCCEEDED adding "
                        + ROWS + " rows, found " + run);
            }
            runs++;
        }
        if (runs != ids.size()) {
            throw new IllegalStateException(runs + " runs, expected " + ids.size());
        }
    }

    private static final java.lang.management.ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

    /** @return the CPU time of every live thread, by id */
    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREAD_CPU.getAllThreadIds()) {
            long t = THREAD_CPU.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** @return the threads that used CPU since {@code before}, most first, and the rest (GC, JIT, VM threads) */
    private static String whereCpuWent(Map<Long, Long> before, long processNanos) {
        Map<String, Long> used = new java.util.TreeMap<>();
        long sum = 0;
        for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
            long delta = now.getValue() - before.getOrDefault(now.getKey(), 0L);
            java.lang.management.ThreadInfo info = THREAD_CPU.getThreadInfo(now.getKey());
            if (delta > 0 && info != null) {
                // numbered pool threads count together
                used.merge(info.getThreadName().replaceAll("-\\d+$", "-*"), delta, Long::sum);
                sum += delta;
            }
        }
        StringBuilder out = new StringBuilder();
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() >= 1_000_000).limit(5)
                .forEach(e -> out.append(String.format(Locale.ROOT, "%s %.0f ms, ", e.getKey(), e.getValue() / 1e6)));
        out.append(String.format(Locale.ROOT, "not a Java thread (GC, JIT, VM) %.0f ms",
                Math.max(0, processNanos - sum) / 1e6));
        return out.toString();
    }

    private ConnectionId connection(Connections sdk) {
        return sdk.connections().create(PAM, NewConnection.of("csv", "Tiny exports").set("folder",
                folder.toString())).id();
    }

    private static ConnectedTable create(Connections sdk, ConnectionId c, String name, RefreshSchedule schedule) {
        return sdk.tables().create(PAM, NewTable.builder().app(APP).name(name).connection(c).object(FILE)
                .fields("id", "name", "amount").refreshKey("id").tableUpdates(TableUpdates.REMOVE).schedule(schedule)
                .build());
    }

    private static void expectSucceeded(RefreshRun run) {
        if (run.status() != RefreshStatus.SUCCEEDED || run.counts().added() != ROWS) {
            throw new IllegalStateException("a refresh of the tiny file did not add " + ROWS + " rows: " + run);
        }
    }

    /** @return the times of {@value #CALLS} calls, in ms, after {@code warmUp} untimed ones */
    private static double[] repeat(int warmUp, Runnable call) {
        for (int i = 0; i < warmUp; i++) {
            call.run();
        }
        double[] ms = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    /**
     * The refresh events of one SDK: when each table started (the event's instant, on the SDK's clock) and when the
     * last expected refresh finished (System.nanoTime). Any failure or any start outside the expected tables is kept
     * and fails {@link #check}.
     */
    private static final class Recorder implements ConnectionsListener {
        final Set<TableId> expected;
        final Map<TableId, List<Instant>> starts = new ConcurrentHashMap<>();
        final Map<TableId, Instant> finishes = new ConcurrentHashMap<>();
        final Set<TableId> finished = ConcurrentHashMap.newKeySet();
        final List<String> problems = new CopyOnWriteArrayList<>();
        final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastFinish = new AtomicLong(Long.MIN_VALUE);
        final CountDownLatch done;

        Recorder(Set<TableId> expected) {
            this.expected = Set.copyOf(expected);
            this.done = new CountDownLatch(expected.size());
        }

        @Override
        public void onEvent(ConnectionsEvent event) {
            long now = System.nanoTime();
            if (event instanceof ConnectionsEvent.RefreshStarted s) {
                firstStart.accumulateAndGet(now, Math::min);
                starts.computeIfAbsent(s.table(), t -> new CopyOnWriteArrayList<>()).add(s.at());
                if (s.trigger() != RefreshRun.Trigger.SCHEDULED) {
                    problems.add("a " + s.trigger() + " refresh of " + s.table());
                }
                if (!expected.contains(s.table())) {
                    problems.add("table " + s.table() + " started though it was not due");
                }
            } else if (event instanceof ConnectionsEvent.RefreshFinished fin) {
                if (fin.run().counts().added() != ROWS) {
                    problems.add("refresh of " + fin.run().table() + " counted " + fin.run().counts());
                }
                finishes.put(fin.run().table(), fin.at());
                if (expected.contains(fin.run().table()) && finished.add(fin.run().table())) {
                    lastFinish.accumulateAndGet(now, Math::max);
                    done.countDown();
                }
            } else if (event instanceof ConnectionsEvent.RefreshFailed failed) {
                problems.add("refresh of " + failed.run().table() + " failed: " + failed.run().failureKind() + " "
                        + failed.run().message());
                done.countDown();
            }
        }

        void await(Duration timeout, String what) throws InterruptedException {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(what + ": after " + timeout + " only " + finished.size() + " of "
                        + expected.size() + " refreshes finished (" + starts.size() + " started); " + problems);
            }
        }

        void check(int count) {
            if (!problems.isEmpty()) {
                throw new IllegalStateException(problems.size() + " problems: " + problems.subList(0,
                        Math.min(5, problems.size())));
            }
            Set<TableId> twice = new HashSet<>();
            starts.forEach((t, list) -> {
                if (list.size() != 1) {
                    twice.add(t);
                }
            });
            if (starts.size() != count || finished.size() != count || !twice.isEmpty()) {
                throw new IllegalStateException("expected " + count + " tables started and finished once each; "
                        + starts.size() + " started, " + finished.size() + " finished, " + twice.size()
                        + " started more than once");
            }
        }
    }

    private String summary(List<Figures> all, double loadBefore, double loadAfter, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%,d tables on one CSV connection (a %d-row file); JDK %s; %d cores; "
                        + "max heap %.0f MB; %d refresh threads; load average %.2f before, %.2f after; "
                        + "%.0f s in all%n%n",
                tables, ROWS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576.0, THREADS, loadBefore, loadAfter, seconds));
        out.append("| figure | goal |");
        all.forEach(f -> out.append(' ').append(f.storage).append(" |"));
        out.append("\n|---|---|");
        all.forEach(f -> out.append("---:|"));
        out.append('\n');
        int last = tables / 1_000 - 1;
        row(out, "creating tables 1–1,000", "", all, f -> time(f.thousandsMs[0]));
        row(out, String.format(Locale.ROOT, "creating tables %,d–%,d", tables - 999, tables), "", all,
                f -> time(f.thousandsMs[last]));
        row(out, "last 1,000 ÷ first 1,000", "≤ 1.20", all, f -> String.format(Locale.ROOT, "%.2f",
                f.thousandsMs[last] / f.thousandsMs[0]));
        row(out, "one create, median in the first 1,000 / in the last 1,000 (ratio)", "≤ 1.20", all,
                f -> String.format(Locale.ROOT, "%s / %s (%.2f)", time(median(first(f.eachMs))),
                        time(median(last(f.eachMs))), median(last(f.eachMs)) / median(first(f.eachMs))));
        row(out, "CPU of one create (creating thread), median first / last 1,000 (ratio)", "", all,
                f -> String.format(Locale.ROOT, "%s / %s (%.2f)", time(median(first(f.eachCpuMs))),
                        time(median(last(f.eachCpuMs))), median(last(f.eachCpuMs)) / median(first(f.eachCpuMs))));
        row(out, String.format(Locale.ROOT, "creating %,d tables", tables), "", all, f -> time(f.createTotalMs));
        row(out, String.format(Locale.ROOT, "`tables().list` of %,d, median of %d (min–max)", tables, CALLS),
                "< 50 ms on H2", all, f -> String.format(Locale.ROOT, "%s (%s–%s)", time(median(f.listMs)),
                        time(min(f.listMs)), time(max(f.listMs))));
        row(out, "CPU of one `list` (calling thread), median", "", all, f -> time(median(f.listCpuMs)));
        row(out, "one pass, nothing due (`runDueRefreshes`), median", "", all, f -> time(median(f.passMs)));
        row(out, "idle CPU after `start()`, whole window (second half)", "< 1% of a core", all,
                f -> String.format(Locale.ROOT, "%.2f%% (%.2f%%) over %.0f s", f.idleCpuPercent,
                        f.idleCpuLastHalfPercent, f.idleSeconds));
        row(out, "CPU in the 5 s before `start()`, for comparison", "", all,
                f -> String.format(Locale.ROOT, "%.2f%%", f.cpuBeforeStartPercent));
        row(out, String.format(Locale.ROOT, "pick-up delay of %d due tables, p50 / p99 / max", PICKUP),
                "p99 < 1 s", all, f -> String.format(Locale.ROOT, "%s / %s / %s", time(percentile(f.delaysMs, 50)),
                        time(percentile(f.delaysMs, 99)), time(f.delaysMs[f.delaysMs.length - 1])));
        row(out, String.format(Locale.ROOT, "pick-up delay of the first %d due (threads idle), median / max", FIRST),
                "< 1 s", all, f -> String.format(Locale.ROOT, "%s / %s", time(median(f.firstDelaysMs)),
                        time(max(f.firstDelaysMs))));
        row(out, "those 200 refreshes, RefreshStarted to RefreshFinished, p50 / max", "", all,
                f -> String.format(Locale.ROOT, "%s / %s", time(percentile(f.refreshMs, 50)), time(max(f.refreshMs))));
        row(out, String.format(Locale.ROOT, "burst: %d due at once, `start()` to all finished", BURST),
                "≤ 10 s on H2", all, f -> time(f.burstMs));
        row(out, String.format(Locale.ROOT, "opening the storage again with %,d tables", tables), "", all,
                f -> f.reopenMs > 0 ? time(f.reopenMs) : "–");
        row(out, "heap per table (after GC)", "reported", all, f -> String.format(Locale.ROOT, "%,d B",
                f.heapPerTable));
        row(out, "disk per table", "reported", all, f -> f.diskPerTable < 0 ? "–"
                : String.format(Locale.ROOT, "%,d B", f.diskPerTable));
        out.append("\nCreating, per 1,000 tables (ms):\n\n");
        for (Figures f : all) {
            out.append("- ").append(f.storage).append(": ").append(Arrays.stream(f.thousandsMs)
                    .mapToObj(ms -> String.format(Locale.ROOT, "%.0f", ms)).reduce((a, b) -> a + ", " + b)
                    .orElse("")).append('\n');
        }
        out.append("\nIdle CPU by thread:\n\n");
        for (Figures f : all) {
            out.append("- ").append(f.storage).append(": ").append(f.idleThreads).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nPick-up: %d tables due %d ms apart over %d s, %d refresh threads, "
                        + "built-in scheduler (longest sleep 30 s); delay = RefreshStarted instant − due time. "
                        + "Burst: history checked, one SCHEDULED, SUCCEEDED run per table.%n", PICKUP,
                PICKUP_SPREAD.toMillis() / PICKUP, PICKUP_SPREAD.toSeconds(), THREADS));
        return out.toString();
    }

    private static double[] first(double[] each) {
        return Arrays.copyOfRange(each, 0, 1_000);
    }

    private static double[] last(double[] each) {
        return Arrays.copyOfRange(each, each.length - 1_000, each.length);
    }

    private static void row(StringBuilder out, String figure, String goal, List<Figures> all,
                            java.util.function.Function<Figures, String> value) {
        out.append("| ").append(figure).append(" | ").append(goal).append(" |");
        all.forEach(f -> out.append(' ').append(value.apply(f)).append(" |"));
        out.append('\n');
    }

    private static String time(double ms) {
        return ms >= 1_000 ? String.format(Locale.ROOT, "%.2f s", ms / 1_000)
                : ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double[] s = sorted.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, rank - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;   // H2 may remove a temporary file while the folder is walked
        }
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
