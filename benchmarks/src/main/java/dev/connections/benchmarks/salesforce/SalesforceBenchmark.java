package dev.connections.benchmarks.salesforce;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.fakes.salesforce.FakeField;
import dev.connections.fakes.salesforce.FakeObject;
import dev.connections.fakes.salesforce.FakeSalesforce;
import dev.connections.salesforce.SalesforceConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Salesforce reads of 1,000,000 records from the fake Salesforce (records made on demand, so the fake holds none),
 * through REST query pages and through Bulk API 2.0, each beside plain clients of the same pages in the same run; then
 * refreshes through the whole SDK: full (REST and Bulk) and incremental with 100 changed records, with the HTTP
 * requests they made. Prints a Markdown table. Not run by the build:
 *
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar \
 *     dev.connections.benchmarks.salesforce.SalesforceBenchmark [records] [rounds]
 * </pre>
 *
 * <p>The plain clients and the connector alternate within each round (their order switching round by round) so that
 * a change of load on a shared machine hits them alike; the first round warms up and is not counted; each figure is
 * the median of the counted rounds, each ratio the median of the per-round ratios.
 */
public final class SalesforceBenchmark {

    static final List<String> FIELDS = List.of("Id", "Name", "Industry", "AnnualRevenue", "NumberOfEmployees",
            "Active__c", "Founded__c");
    private static final String SOQL = "SELECT Id, Name, Industry, AnnualRevenue, NumberOfEmployees, Active__c, "
            + "Founded__c, SystemModstamp FROM Account";
    private static final String[] INDUSTRIES = {"Agriculture", "Banking", "Chemicals", "Education", "Energy",
        "Media", "Retail", "Technology"};
    private static final int CHANGED = 100;

    private SalesforceBenchmark() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double loadBefore = load();
        List<String> table = new ArrayList<>();
        try (FakeSalesforce sf = FakeSalesforce.builder().dailyApiLimit(Integer.MAX_VALUE).start()) {
            sf.addObject(FakeObject.of("Account", "Account", FakeField.of("Name", "string").required(),
                    FakeField.of("Industry", "picklist"), FakeField.of("AnnualRevenue", "currency"),
                    FakeField.of("NumberOfEmployees", "int"), FakeField.of("Active__c", "boolean"),
                    FakeField.of("Founded__c", "date")));
            sf.generate("Account", records, SalesforceBenchmark::account);
            FakeSalesforce.IssuedTokens tokens = sf.issueTokens();
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).build();
            PlainClient plain = new PlainClient(http, tokens.instanceUrl(), tokens.accessToken());
            ConnectorReads connector = new ConnectorReads(sf, tokens);

            Rounds rest = new Rounds(rounds, records, List.of(
                    new Pass("REST pages fetched, bodies dropped (the fake's and the network's cost)",
                            () -> plain.restFetchOnly(SOQL), false),
                    new Pass("REST pages parsed with plain moshi (baseline)", () -> plain.restMoshi(SOQL), true),
                    new Pass("REST pages read by the connector (SDK)", () -> connector.read(FIELDS, false), true)));
            Rounds bulk = new Rounds(rounds, records, List.of(
                    new Pass("Bulk CSV pages fetched, bodies dropped", () -> plain.bulkFetchOnly(SOQL), false),
                    new Pass("Bulk CSV pages split into lines and fields (baseline)", () -> plain.bulkLines(SOQL),
                            false),
                    new Pass("Bulk CSV pages read by the connector (SDK)", () -> connector.read(FIELDS, true), true)));
            System.out.println("REST query pages:");
            rest.run();
            System.out.println("Bulk API 2.0:");
            bulk.run();
            table.addAll(rest.rows(1));
            table.addAll(bulk.rows(1));
            table.addAll(throughTheSdk(sf, records));
            http.dispatcher().executorService().shutdown();
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%,d records x %d fields; JDK %s; %d cores; max heap %,d MB; load average "
                        + "%.2f before, %.2f after%n%n", records, FIELDS.size(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadBefore,
                load());
        System.out.println("| operation | median | records/s | vs baseline | notes |");
        System.out.println("|---|---:|---:|---:|---|");
        table.forEach(System.out::println);
    }

    /** Full refreshes (REST and Bulk) and an incremental refresh with 100 changed records, through Connections. */
    private static List<String> throughTheSdk(FakeSalesforce sf, int records) {
        List<String> rows = new ArrayList<>();
        Principal pam = Principal.of("pam");
        OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
        try (Connections sdk = Connections.builder().connector(SalesforceConnector.standIn(sf.url()))
                .oauthClient("salesforce", sf.clientId(), sf.clientSecret())
                .redirectUri(URI.create("http://localhost:9/callback")).externalScheduler().build()) {
            Connection viaRest = connect(sdk, pam, sf, browser, Long.toString(Long.MAX_VALUE));
            Connection viaBulk = connect(sdk, pam, sf, browser, "50000");
            ConnectedTable restTable = table(sdk, pam, viaRest, "via REST");
            RefreshRun rest = timed(sdk, pam, restTable, sf);
            rows.add(row("SDK full refresh into the in-memory storage, REST pages", rest, records,
                    requests(rest, sf)));
            sdk.tables().delete(pam, restTable.id());
            System.gc();
            ConnectedTable bulkTable = table(sdk, pam, viaBulk, "via Bulk");
            RefreshRun bulk = timed(sdk, pam, bulkTable, sf);
            rows.add(row("SDK full refresh into the in-memory storage, Bulk API 2.0", bulk, records,
                    requests(bulk, sf)));

            for (int i = 0; i < CHANGED; i++) {
                sf.update("Account", sf.generatedId("Account", (int) ((long) i * records / CHANGED)),
                        Map.of("Name", "Changed " + i));
            }
            RefreshRun incremental = timed(sdk, pam, bulkTable, sf);
            if (incremental.counts().updated() != CHANGED || incremental.mode() != ReadMode.INCREMENTAL) {
                throw new IllegalStateException("the incremental refresh did not find the changes: " + incremental);
            }
            rows.add(String.format(Locale.ROOT, "| SDK incremental refresh, %d of %,d records changed | %s | - | - | "
                            + "%s; %s |", CHANGED, records, ms(incremental.finishedAt().toEpochMilli()
                            - incremental.startedAt().toEpochMilli()), incremental.counts(),
                    requests(incremental, sf)));
        } finally {
            browser.dispatcher().executorService().shutdown();
        }
        return rows;
    }

    private static RefreshRun timed(Connections sdk, Principal pam, ConnectedTable t, FakeSalesforce sf) {
        sf.resetCounters();
        long start = System.nanoTime();
        RefreshRun run = sdk.tables().refresh(pam, t.id());
        long nanos = System.nanoTime() - start;
        if (run.status() != RefreshStatus.SUCCEEDED) {
            throw new IllegalStateException("refresh failed: " + run.message());
        }
        System.out.printf(Locale.ROOT, "%s refresh of %s: %s, %s, %d API calls%n", run.mode(), t.name(),
                ms(nanos / 1_000_000), run.counts(), run.apiCalls());
        return run;
    }

    private static String requests(RefreshRun run, FakeSalesforce sf) {
        Map<String, Integer> byResource = new TreeMap<>();
        sf.requestsByPath().forEach((path, n) -> byResource.merge(path.replace("/services/data/v62.0", "")
                .replaceAll("/(query|jobs/query)/[^/]+", "/$1/{id}"), n, Integer::sum));
        return run.apiCalls() + " HTTP requests: " + byResource.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String row(String name, RefreshRun run, int records, String notes) {
        long ms = run.finishedAt().toEpochMilli() - run.startedAt().toEpochMilli();
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | - | %s |", name, ms(ms), records / (ms / 1000.0),
                notes);
    }

    private static Connection connect(Connections sdk, Principal pam, FakeSalesforce sf, OkHttpClient browser,
                                      String bulkThreshold) {
        AuthorizationRequest a = sdk.connections().authorize(pam, "salesforce", "org " + bulkThreshold,
                Map.of("bulkThreshold", bulkThreshold));
        try (Response r = browser.newCall(new Request.Builder().url(a.authorizationUrl().toString()).build())
                .execute()) {
            HttpUrl back = HttpUrl.get(r.header("Location"));
            Map<String, String> callback = new LinkedHashMap<>();
            back.queryParameterNames().forEach(n -> callback.put(n, back.queryParameter(n)));
            return sdk.connections().completeAuthorization(pam, callback);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConnectedTable table(Connections sdk, Principal pam, Connection c, String name) {
        return sdk.tables().create(pam, NewTable.builder().app("bench").name("Accounts " + name).connection(c.id())
                .object("Account").fields(FIELDS).refreshKey("Id").filter(Filter.all())
                .tableUpdates(TableUpdates.REMOVE).schedule(RefreshSchedule.manual()).build());
    }

    private static Map<String, Object> account(int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Name", "Account " + i);
        values.put("Industry", INDUSTRIES[i % INDUSTRIES.length]);
        values.put("AnnualRevenue", BigDecimal.valueOf(i * 37L % 1_000_000_000L, 2));
        values.put("NumberOfEmployees", (long) (i % 5000));
        values.put("Active__c", i % 3 != 0);
        values.put("Founded__c", LocalDate.of(1950 + i % 70, 1 + i % 12, 1 + i % 28));
        return values;
    }

    static String ms(long ms) {
        return ms >= 1_000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000.0) : ms + " ms";
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One measured operation: what it is, what it does, and whether it counts records (else bytes or fields). */
    record Pass(String name, LongSupplier work, boolean countsRecords) {
    }

    /** Rounds of passes in alternating order; medians and per-round ratios to the pass named as baseline. */
    static final class Rounds {
        private final int rounds;
        private final int records;
        private final List<Pass> passes;
        private final double[][] millis;

        Rounds(int rounds, int records, List<Pass> passes) {
            this.rounds = rounds;
            this.records = records;
            this.passes = passes;
            this.millis = new double[passes.size()][rounds];
        }

        void run() {
            for (int round = 0; round <= rounds; round++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < passes.size(); i++) {
                    order.add(round % 2 == 0 ? i : passes.size() - 1 - i);
                }
                StringBuilder line = new StringBuilder(round == 0 ? "  warm-up:" : "  round " + round + ":");
                for (int i : order) {
                    Pass p = passes.get(i);
                    long start = System.nanoTime();
                    long n = p.work().getAsLong();
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (p.countsRecords() && n != records) {
                        throw new IllegalStateException(p.name() + " saw " + n + " of " + records + " records");
                    }
                    if (round > 0) {
                        millis[i][round - 1] = ms;
                    }
                    line.append(String.format(Locale.ROOT, " %s %.0f ms;", p.name().split(" \\(")[0], ms));
                }
                System.out.println(line);
            }
        }

        /** @return Markdown rows; ratios are records/s of a pass over records/s of the baseline pass */
        List<String> rows(int baseline) {
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < passes.size(); i++) {
                double median = median(millis[i]);
                double[] ratios = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratios[r] = millis[baseline][r] / millis[i][r];
                }
                Arrays.sort(ratios);
                String ratio = i == baseline ? "1.00" : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)",
                        median(ratios), ratios[0], ratios[rounds - 1]);
                rows.add(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %d rounds |", passes.get(i).name(),
                        ms((long) median), records / (median / 1000), ratio, rounds));
            }
            return rows;
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
