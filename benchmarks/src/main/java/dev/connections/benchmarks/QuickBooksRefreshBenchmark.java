package dev.connections.benchmarks;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.fakes.quickbooks.FakeCompany;
import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.quickbooks.QuickBooksConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Incremental refresh of 10 QuickBooks tables on one connection after 50 changes in the company, against the fake
 * QuickBooks (a real HTTP server on this machine) with a chosen latency per API request: the HTTP requests the SDK
 * makes and the time the wave of 10 refreshes takes, beside the plain approach of one query per table
 * ({@code SELECT * FROM E WHERE MetaData.LastUpdatedTime >= 'cursor'}, which does not even see deletions).
 *
 * <p>Each round changes 50 records (per entity: 3 updated, 1 added, 1 deleted), moves the clock of the fake and the
 * SDK 11 minutes on, runs the baseline's 10 queries, then refreshes the 10 tables at once on 4 refresh threads. Rounds
 * 1 and 2 warm up; the median of the rest is reported. Prints a Markdown table.
 *
 * <pre>
 * mvn -q -pl benchmarks -am install -DskipTests
 * mvn -q -pl benchmarks exec:java -Dexec.mainClass=dev.connections.benchmarks.QuickBooksRefreshBenchmark
 * </pre>
 *
 * Arguments: records per entity (default 2000), measured rounds (default 15), latencies in ms, comma-separated (default 0,50,200).
 */
public final class QuickBooksRefreshBenchmark {

    private static final List<String> ENTITIES = List.of("Account", "Bill", "Customer", "Employee", "Estimate",
            "Invoice", "Item", "Payment", "PurchaseOrder", "Vendor");
    private static final String REALM = "9341452987654321";
    private static final int WARM_UP = 2;
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private QuickBooksRefreshBenchmark() {
    }

    /** One round's measurements. */
    private record Round(long sdkRequests, long sdkApiCalls, double sdkMillis, long baselineRequests,
                         double baselineMillis, long removed) {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<Integer> latencies = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList() : List.of(0, 50, 200);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "10 tables x %,d records on one connection, 50 changes per round "
                        + "(30 updated, 10 added, 10 deleted); median of %d rounds after %d warm-up; JDK %s, %d cores"
                        + "%n%n", records, rounds, WARM_UP, Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        out.append("| latency per request | SDK: HTTP requests | SDK: API calls in history | SDK: wave time "
                + "| one query per table: HTTP requests | one query per table: time | deletions seen (SDK) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int latency : latencies) {
            List<Round> measured = run(records, rounds, Duration.ofMillis(latency));
            out.append(String.format(Locale.ROOT, "| %d ms | %s | %s | %.1f ms | %s | %.1f ms | %s |%n", latency,
                    median(measured.stream().mapToDouble(Round::sdkRequests).toArray(), "%.0f"),
                    median(measured.stream().mapToDouble(Round::sdkApiCalls).toArray(), "%.0f"),
                    medianOf(measured.stream().mapToDouble(Round::sdkMillis).toArray()),
                    median(measured.stream().mapToDouble(Round::baselineRequests).toArray(), "%.0f"),
                    medianOf(measured.stream().mapToDouble(Round::baselineMillis).toArray()),
                    median(measured.stream().mapToDouble(Round::removed).toArray(), "%.0f")));
        }
        System.out.println(out);
    }

    private static List<Round> run(int records, int rounds, Duration latency) {
        MovingClock clock = new MovingClock(Instant.now().minus(Duration.ofDays(1)));
        Principal pam = Principal.of("pam");
        OkHttpClient http = new OkHttpClient();
        try (FakeQuickBooks qbo = FakeQuickBooks.start(clock);
             Connections sdk = Connections.builder().clock(clock)
                     .connector(QuickBooksConnector.standIn(URI.create(qbo.baseUrl())))
                     .oauthClient("quickbooks", qbo.clientId(), qbo.clientSecret())
                     .redirectUri(URI.create("http://localhost:8765/callback")).externalScheduler()
                     .refreshThreads(4).build()) {
            FakeCompany company = qbo.addCompany(REALM, "Benchmark Company");
            Map<String, List<String>> ids = new LinkedHashMap<>();
            for (String entity : ENTITIES) {
                List<String> list = new ArrayList<>();
                for (int i = 0; i < records; i++) {
                    list.add(company.insert(entity, record(entity, i)));
                }
                ids.put(entity, list);
            }
            Connection connection = connect(sdk, pam, qbo);
            List<ConnectedTable> tables = new ArrayList<>();
            for (String entity : ENTITIES) {
                tables.add(sdk.tables().create(pam, NewTable.builder().app("bench").name(entity)
                        .connection(connection.id()).object(entity)
                        .fields("Id", "SyncToken", "MetaData.CreateTime", "MetaData.LastUpdatedTime")
                        .refreshKey("Id").filter(Filter.all()).tableUpdates(TableUpdates.REMOVE)
                        .schedule(RefreshSchedule.manual()).build()));
            }
            clock.advance(Duration.ofMinutes(11));
            wave(sdk, pam, tables);
            qbo.latency(latency);
            List<Round> measured = new ArrayList<>();
            for (int round = 0; round < WARM_UP + rounds; round++) {
                Instant since = clock.instant().minus(Duration.ofMinutes(5));
                change(company, ids, round);
                clock.advance(Duration.ofMinutes(11));
                FakeQuickBooks.Tokens tokens = qbo.issueTokens(REALM);

                int before = qbo.apiRequests();
                long start = System.nanoTime();
                for (String entity : ENTITIES) {
                    baselineQuery(http, qbo, tokens.accessToken(), entity, since);
                }
                double baselineMillis = (System.nanoTime() - start) / 1e6;
                int baselineRequests = qbo.apiRequests() - before;

                before = qbo.apiRequests();
                start = System.nanoTime();
                List<RefreshRun> runs = wave(sdk, pam, tables);
                double sdkMillis = (System.nanoTime() - start) / 1e6;
                int sdkRequests = qbo.apiRequests() - before;
                if (round >= WARM_UP) {
                    measured.add(new Round(sdkRequests, runs.stream().mapToLong(RefreshRun::apiCalls).sum(),
                            sdkMillis, baselineRequests, baselineMillis,
                            runs.stream().mapToLong(r -> r.counts().removed()).sum()));
                }
            }
            return measured;
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Refreshes every table at once and checks each one succeeded incrementally (after the first). */
    private static List<RefreshRun> wave(Connections sdk, Principal pam, List<ConnectedTable> tables) {
        List<CompletableFuture<RefreshRun>> futures = tables.stream()
                .map(t -> sdk.tables().refreshAsync(pam, t.id())).toList();
        List<RefreshRun> runs = futures.stream().map(CompletableFuture::join).toList();
        for (RefreshRun run : runs) {
            if (run.status() != RefreshStatus.SUCCEEDED) {
                throw new IllegalStateException("a refresh failed: " + run.message());
            }
        }
        return runs;
    }

    /** 5 changes per entity: 3 updates, 1 insert, 1 delete. */
    private static void change(FakeCompany company, Map<String, List<String>> ids, int round) {
        for (Map.Entry<String, List<String>> e : ids.entrySet()) {
            List<String> list = e.getValue();
            for (int i = 0; i < 3; i++) {
                company.update(e.getKey(), list.get((round * 3 + i) % list.size()),
                        Map.of("PrivateNote", "round " + round + " change " + i));
            }
            list.add(company.insert(e.getKey(), record(e.getKey(), 1_000_000 + round)));
            company.delete(e.getKey(), list.remove(list.size() / 2));
        }
    }

    private static Map<String, Object> record(String entity, int i) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("PrivateNote", entity + " " + i);
        json.put("TotalAmt", new BigDecimal(i).movePointLeft(2));
        json.put("CurrencyRef", Map.of("value", "USD", "name", "United States Dollar"));
        return json;
    }

    private static void baselineQuery(OkHttpClient http, FakeQuickBooks qbo, String token, String entity,
                                      Instant since) {
        HttpUrl url = HttpUrl.get(qbo.baseUrl() + "/v3/company/" + REALM + "/query").newBuilder()
                .addQueryParameter("query", "SELECT * FROM " + entity + " WHERE MetaData.LastUpdatedTime >= '"
                        + LITERAL.format(since) + "' ORDERBY MetaData.LastUpdatedTime STARTPOSITION 1 MAXRESULTS 1000")
                .addQueryParameter("minorversion", "75").build();
        Request request = new Request.Builder().url(url).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("baseline query answered " + response.code());
            }
            response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect(Connections sdk, Principal pam, FakeQuickBooks qbo) {
        AuthorizationRequest request = sdk.connections().authorize(pam, "quickbooks", "Benchmark books");
        OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
        try (Response r = browser.newCall(new Request.Builder().url(request.authorizationUrl().toString()).build())
                .execute()) {
            HttpUrl back = HttpUrl.get(r.header("Location"));
            Map<String, String> parameters = new LinkedHashMap<>();
            back.queryParameterNames().forEach(n -> parameters.put(n, back.queryParameter(n)));
            return sdk.connections().completeAuthorization(pam, parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.dispatcher().executorService().shutdown();
        }
    }

    private static String median(double[] values, String format) {
        return String.format(Locale.ROOT, format, medianOf(values));
    }

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The clock of the fake and the SDK, moved by the rounds so that each sees 11 minutes pass. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
