package dev.connections.benchmarks.soak;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.SourceField;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The kill soak of docs/reliability.md: kills an SDK instance (a child JVM, {@link SoakChild}) with SIGKILL at
 * random points of refreshes and definition changes, again and again, and after every kill checks every table with a
 * new instance on the same database:
 *
 * <ul>
 *   <li>as the kill left it: its rows are exactly those of one version of the source, the one of a committed refresh
 *       (every row from that version, none lost or duplicated: as many as that refresh counted, each value that
 *       version's), and no run stays RUNNING once the dead instance's lease ran out;</li>
 *   <li>after one more refresh: it succeeds (a definition change the kill cut short does not break the table) and the
 *       table holds exactly the source's current version under its current definition.</li>
 * </ul>
 *
 * The source changes to a new version before every child starts, so the child's refreshes do real work. Not part of
 * {@code mvn test}: run it from the benchmarks jar,
 * {@code java -cp benchmarks/target/benchmarks.jar dev.connections.benchmarks.soak.KillSoak h2 100}
 * (arguments: {@code h2} or {@code postgresql}, kills, rows of the source, seed). It prints each inconsistency and a
 * summary, and exits with 1 when there was any.
 */
public final class KillSoak {

    private static final int TABLES = 3;
    /** At most how many steps the child starts before it is killed in one of them. */
    private static final int MOST_LINES = 12;
    /** The kill comes this many milliseconds at most after the step starts. */
    private static final int KILL_WITHIN_MS = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final String db;
    private final String locator;
    private final Path exports;
    private final SoakSource source;
    private final Random random;
    private int version = 1;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> killedIn = new TreeMap<>();

    private KillSoak(String db, String locator, Path exports, int rows, long seed) {
        this.db = db;
        this.locator = locator;
        this.exports = exports;
        this.source = new SoakSource(exports, rows);
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Path work = Files.createTempDirectory("kill-soak");
        Path exports = work.resolve("exports");
        int failures;
        if (db.equals("postgresql")) {
            try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres"))
                    .setCleanDataDirectory(true).start()) {
                failures = new KillSoak(db, server.getJdbcUrl("postgres", "postgres"), exports, rows, seed)
                        .run(kills);
            }
        } else {
            failures = new KillSoak(db, work.resolve("h2").toString(), exports, rows, seed).run(kills);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private int run(int kills) throws Exception {
        source.write(version);
        try (Connections sdk = SoakSdk.builder(db, locator, exports, false).build()) {
            var folder = sdk.connections().create(SoakSdk.OWNER,
                    NewConnection.of("csv", "Soak exports").set("folder", exports.toString()));
            for (int i = 1; i <= TABLES; i++) {
                ConnectedTable t = sdk.tables().create(SoakSdk.OWNER, NewTable.builder().app("soak")
                        .name("Orders " + i).connection(folder.id()).object(SoakSource.FILE)
                        .fields(SoakSource.ALWAYS).refreshKey("id").tableUpdates(TableUpdates.REMOVE).build());
                sdk.tables().refresh(SoakSdk.OWNER, t.id());
            }
        }
        long started = System.nanoTime();
        for (int kill = 1; kill <= kills; kill++) {
            version++;
            source.write(version);
            long t0 = System.nanoTime();
            String where = killOne(random.nextLong());
            killedIn.merge(where, 1, Integer::sum);
            int before = problems.size();
            long t1 = System.nanoTime();
            check(kill);
            System.out.printf("kill %d/%d in %s: %s (child %d ms, check %d ms)%n", kill, kills, where,
                    problems.size() == before ? "consistent" : (problems.size() - before) + " inconsistencies",
                    TimeUnit.NANOSECONDS.toMillis(t1 - t0), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
        }
        System.out.printf("%n%s: %d kills in %d s (%s), %d tables of %d rows checked after each: %d inconsistencies%n",
                db, kills, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), killedIn, TABLES,
                source.rows(version).size(), problems.size());
        problems.forEach(p -> System.out.println("  " + p));
        return problems.size();
    }

    /** @return what the child had last said it was doing when it was killed */
    private String killOne(long seed) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SoakChild.class.getName(), db, locator,
                exports.toString(), Long.toString(seed));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int lines = 1 + random.nextInt(MOST_LINES);
        String last = "startup";
        try (BufferedReader out = child.inputReader(Charset.defaultCharset())) {
            boolean ready = false;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith(SoakChild.MARK)) {
                    continue;
                }
                String said = line.substring(SoakChild.MARK.length());
                if (!ready) {
                    ready = said.equals("ready");
                    continue;
                }
                if (said.startsWith("refreshing") || said.startsWith("defining")) {
                    last = said;
                    if (--lines == 0) {
                        // somewhere in that step: the kill lands early, midway or late in it, or just after it
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(KILL_WITHIN_MS)));
                        break;
                    }
                }
            }
            child.destroyForcibly();
            child.waitFor();
        }
        if (last.startsWith("refreshing")) {
            return "refresh";
        }
        return last.startsWith("defining") ? "definition change" : "startup";
    }

    private void check(int kill) {
        try (Connections sdk = SoakSdk.builder(db, locator, exports, true).build()) {
            sdk.start();
            for (ConnectedTable t : sdk.tables().list(SoakSdk.OWNER)) {
                String where = "kill " + kill + ", table '" + t.name() + "'";
                awaitNoneRunning(sdk, t, where);
                asLeft(sdk, t, where);
                afterRefresh(sdk, t, where);
            }
        } catch (RuntimeException e) {
            problems.add("kill " + kill + ": the check failed: " + e);
        }
    }

    /** Runs that a kill interrupted are marked FAILED once the dead instance's lease ran out. */
    private void awaitNoneRunning(Connections sdk, ConnectedTable t, String where) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (sdk.tables().history(SoakSdk.OWNER, t.id(), 1000).stream()
                .anyMatch(r -> r.status() == RefreshStatus.RUNNING)) {
            if (System.nanoTime() > deadline) {
                problems.add(where + ": a run is still RUNNING " + PATIENCE + " after the kill");
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** The table as the kill left it: all rows of the version one committed refresh read, as many as it counted. */
    private void asLeft(Connections sdk, ConnectedTable t, String where) {
        List<RefreshRun> succeeded = sdk.tables().history(SoakSdk.OWNER, t.id(), 1000).stream()
                .filter(r -> r.status() == RefreshStatus.SUCCEEDED).toList();
        // an incremental read of an unchanged file reads nothing and counts nothing: the rows are the last count's
        Optional<RefreshRun> last = succeeded.stream().filter(r -> !r.counts().equals(RefreshCounts.NONE))
                .findFirst();
        succeeded.stream().filter(r -> r.counts().equals(RefreshCounts.NONE) && r.mode() == ReadMode.FULL)
                .findFirst().ifPresent(r -> problems.add(where + ": a full refresh read nothing: " + r));
        List<Map<String, String>> rows = rows(sdk, t);
        if (last.isEmpty()) {
            if (!rows.isEmpty()) {
                problems.add(where + ": " + rows.size() + " rows but no successful refresh");
            }
            return;
        }
        if (rows.size() != last.get().counts().total()) {
            problems.add(where + ": " + rows.size() + " rows, but its last successful refresh counted "
                    + last.get().counts().total());
        }
        Set<String> versions = new HashSet<>();
        rows.forEach(r -> versions.add(r.get("version")));
        if (versions.size() > 1) {
            problems.add(where + ": rows of several source versions " + versions);
            return;
        }
        if (versions.size() == 1) {
            int v = Integer.parseInt(versions.iterator().next());
            compare(where + " (as the kill left it, version " + v + ")", rows, source.rows(v), true);
        }
    }

    /** One more refresh succeeds and brings exactly the source's current version under the current definition. */
    private void afterRefresh(Connections sdk, ConnectedTable t, String where) {
        RefreshRun run = refreshOnceFree(sdk, t);
        if (run.status() != RefreshStatus.SUCCEEDED) {
            problems.add(where + ": the refresh after the kill failed: " + run.failureKind() + " " + run.message());
            return;
        }
        ConnectedTable now = sdk.tables().list(SoakSdk.OWNER).stream().filter(x -> x.id().equals(t.id()))
                .findFirst().orElseThrow();
        Map<Long, Map<String, String>> expected = new HashMap<>(source.rows(version));
        if (!(now.filter() instanceof Filter.All)) {
            expected.values().removeIf(r -> !SoakSource.passes(r));
        }
        List<Map<String, String>> rows = rows(sdk, now);
        boolean counted = !run.counts().equals(RefreshCounts.NONE); // else the file was as its last refresh read it
        if (expected.size() != rows.size() || (counted && run.counts().total() != rows.size())) {
            problems.add(where + ": after a refresh " + rows.size() + " rows, counted " + run.counts().total()
                    + ", expected " + expected.size());
        }
        compare(where + " (after a refresh)", rows, expected, false);
    }

    /** Refreshes, waiting while a dead instance's lease still holds the table. */
    private RefreshRun refreshOnceFree(Connections sdk, ConnectedTable t) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return sdk.tables().refresh(SoakSdk.OWNER, t.id());
            } catch (ConnectionsException e) {
                if (e.reason() != ConnectionsException.Reason.CONFLICT || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    private void compare(String where, List<Map<String, String>> rows, Map<Long, Map<String, String>> expected,
                         boolean addedFieldMayBeEmpty) {
        Set<Long> seen = new HashSet<>();
        int wrong = 0;
        String example = null;
        for (Map<String, String> row : rows) {
            long id = Long.parseLong(row.get("id"));
            Map<String, String> want = expected.get(id);
            String problem = null;
            if (!seen.add(id)) {
                problem = "id " + id + " twice";
            } else if (want == null) {
                problem = "id " + id + " is not in that version";
            } else {
                for (Map.Entry<String, String> field : row.entrySet()) {
                    boolean allowedEmpty = addedFieldMayBeEmpty && field.getKey().equals(SoakSource.TOGGLED)
                            && field.getValue() == null;
                    if (!allowedEmpty && !want.get(field.getKey()).equals(field.getValue())) {
                        problem = "id " + id + " has " + field.getKey() + " = " + field.getValue() + ", not "
                                + want.get(field.getKey());
                        break;
                    }
                }
            }
            if (problem != null) {
                wrong++;
                example = example == null ? problem : example;
            }
        }
        if (wrong > 0) {
            problems.add(where + ": " + wrong + " wrong rows, e.g. " + example);
        }
    }

    /** @return the table's rows, each as field name to its value's text (null for none) */
    private static List<Map<String, String>> rows(Connections sdk, ConnectedTable t) {
        List<String> names = t.fields().stream().map(SourceField::name).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        try (Stream<Object[]> stream = sdk.tables().rows(SoakSdk.OWNER, t.id())) {
            stream.forEach(values -> {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), text(values[i]));
                }
                rows.add(row);
            });
        }
        return rows;
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return value == null ? null : value.toString();
    }
}
