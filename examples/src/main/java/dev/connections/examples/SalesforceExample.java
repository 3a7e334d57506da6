package dev.connections.examples;

import com.sun.net.httpserver.HttpServer;
import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.fakes.salesforce.FakeField;
import dev.connections.fakes.salesforce.FakeObject;
import dev.connections.fakes.salesforce.FakeSalesforce;
import dev.connections.salesforce.SalesforceConnector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A Salesforce org kept in sync: authorize a connection with OAuth (a local callback server receives the redirect
 * back), create a table of the accounts with revenue over 100,000, refresh it in full, let the org change, and refresh
 * again: incrementally, reading only the changed and deleted records.
 *
 * <p>By default it runs against the fake Salesforce of {@code connections-fakes}: a real HTTP server on this machine
 * with a few accounts; the browser's part of the authorization is played by an HTTP client that opens the
 * authorization URL, follows the fake's redirect to the local callback, and so completes it.
 *
 * <p>With {@code SALESFORCE_CLIENT_ID} and {@code SALESFORCE_CLIENT_SECRET} set (a connected app with the
 * {@code api} and {@code refresh_token} scopes and PKCE), it runs against a real org: {@code SALESFORCE_LOGIN_HOST} is
 * {@code production} (default), {@code sandbox} or a My Domain URL, and {@code SALESFORCE_REDIRECT_URI} the connected
 * app's callback URL on this machine (default {@code http://localhost:8765/callback}). It prints the URL to open,
 * receives the callback on that port, refreshes, waits for Enter while you change an account, and refreshes again.
 */
public final class SalesforceExample {

    private static final String CALLBACK_PATH = "/callback";

    private SalesforceExample() {
    }

    public static void main(String[] args) throws Exception {
        String clientId = System.getenv("SALESFORCE_CLIENT_ID");
        String clientSecret = System.getenv("SALESFORCE_CLIENT_SECRET");
        if (clientId == null || clientSecret == null) {
            runAgainstFake(System.out);
        } else {
            runAgainstSalesforce(clientId, clientSecret, System.out);
        }
    }

    /** The example on the fake Salesforce, printing to {@code out}. */
    static void runAgainstFake(PrintStream out) throws IOException {
        try (FakeSalesforce sf = FakeSalesforce.builder().orgName("Dunder Mifflin").start();
             Callback callback = Callback.listen(new InetSocketAddress("localhost", 0))) {
            sf.addObject(FakeObject.of("Account", "Account", FakeField.of("Name", "string").required(),
                    FakeField.of("Industry", "picklist"), FakeField.of("AnnualRevenue", "currency")));
            sf.insert("Account", account("Dunder Mifflin Scranton", "Paper", "4200000"));
            String stamford = sf.insert("Account", account("Dunder Mifflin Stamford", "Paper", "2100000"));
            String utica = sf.insert("Account", account("Dunder Mifflin Utica", "Paper", "950000"));
            String vance = sf.insert("Account", account("Vance Refrigeration", "Refrigeration", "80000"));

            Principal pam = Principal.of("pam");
            // the host points the connector at the fake in code; no connection setting can send the client secret
            // anywhere but Salesforce
            try (Connections sdk = Connections.builder()
                    .connector(SalesforceConnector.standIn(sf.url()))
                    .oauthClient("salesforce", sf.clientId(), sf.clientSecret())
                    .redirectUri(callback.uri())
                    .externalScheduler()
                    .build()) {
                AuthorizationRequest authorization = sdk.connections().authorize(pam, "salesforce",
                        "Pam's Salesforce connection", Map.of());
                out.println("Authorize at: " + authorization.authorizationUrl().getPath() + " (the fake Salesforce)");
                openAsABrowser(authorization.authorizationUrl());
                Connection connection = sdk.connections().completeAuthorization(pam, callback.await());
                sync(sdk, pam, connection, out, () -> {
                    sf.update("Account", stamford, Map.of("AnnualRevenue", new BigDecimal("2500000")));
                    sf.update("Account", vance, Map.of("Industry", "HVAC"));
                    sf.delete("Account", utica);
                    sf.insert("Account", account("Sabre", "Printers", "9000000"));
                    out.println();
                    out.println("In Salesforce: Stamford's revenue raised, Vance's industry changed, Utica deleted, "
                            + "Sabre added.");
                });
            }
        }
    }

    /** The example on a real org. */
    static void runAgainstSalesforce(String clientId, String clientSecret, PrintStream out) throws IOException {
        String loginHost = env("SALESFORCE_LOGIN_HOST", "production");
        URI redirect = URI.create(env("SALESFORCE_REDIRECT_URI", "http://localhost:8765" + CALLBACK_PATH));
        Principal pam = Principal.of("pam");
        try (Callback callback = Callback.listen(new InetSocketAddress(redirect.getHost(), redirect.getPort()));
             Connections sdk = Connections.builder()
                     .oauthClient("salesforce", clientId, clientSecret)
                     .redirectUri(redirect)
                     .externalScheduler()
                     .build()) {
            AuthorizationRequest authorization = sdk.connections().authorize(pam, "salesforce",
                    "Pam's Salesforce connection", Map.of("loginHost", loginHost));
            out.println("Open this URL in a browser and sign in to Salesforce:");
            out.println("  " + authorization.authorizationUrl());
            Connection connection = sdk.connections().completeAuthorization(pam, callback.await());
            sync(sdk, pam, connection, out, () -> {
                out.println();
                out.println("Change an account in Salesforce (its revenue, say), then press Enter.");
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A table, a full refresh, the changes, an incremental refresh, the history. */
    private static void sync(Connections sdk, Principal pam, Connection connection, PrintStream out,
                             Runnable changes) {
        out.println("Connection: " + connection.name() + " -> org " + connection.account() + " ("
                + connection.status() + ", " + connection.lastTest().message() + ")");
        ConnectedTable accounts = sdk.tables().create(pam, NewTable.builder()
                .app("sales").name("Big accounts").connection(connection.id()).object("Account")
                .fields("Id", "Name", "Industry", "AnnualRevenue").refreshKey("Id")
                .filter(Filter.field("AnnualRevenue").greaterThan(100_000))
                .tableUpdates(TableUpdates.REMOVE).schedule(RefreshSchedule.everyHours(4)).build());

        out.println();
        refresh(sdk, pam, accounts, "First refresh", out);
        changes.run();
        out.println();
        refresh(sdk, pam, accounts, "Second refresh", out);

        out.println();
        out.println("History (newest first):");
        for (RefreshRun run : sdk.tables().history(pam, accounts.id(), 10)) {
            out.println("  " + run.status() + " " + run.mode() + " " + run.counts() + ", " + run.apiCalls()
                    + " API call(s)");
        }
    }

    private static void refresh(Connections sdk, Principal pam, ConnectedTable table, String title, PrintStream out) {
        RefreshRun run = sdk.tables().refresh(pam, table.id());
        out.println(title + " of " + table.name() + ": " + run.status() + " " + run.mode() + " - added "
                + run.counts().added() + ", updated " + run.counts().updated() + ", removed "
                + run.counts().removed() + ", " + run.apiCalls() + " API call(s)"
                + (run.message() == null ? "" : ": " + run.message()));
        try (var rows = sdk.tables().rows(pam, table.id())) {
            rows.forEach(row -> out.println("  " + Arrays.toString(row)));
        }
    }

    private static Map<String, Object> account(String name, String industry, String revenue) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("Name", name);
        account.put("Industry", industry);
        account.put("AnnualRevenue", new BigDecimal(revenue));
        return account;
    }

    /** Plays the browser: opens the authorization URL and follows the redirect back to the local callback. */
    private static void openAsABrowser(URI authorizationUrl) throws IOException {
        OkHttpClient browser = new OkHttpClient.Builder().followRedirects(true).build();
        try (Response response = browser.newCall(new Request.Builder().url(authorizationUrl.toString()).build())
                .execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("the authorization did not come back: HTTP " + response.code());
            }
        } finally {
            browser.dispatcher().executorService().shutdown();
            browser.connectionPool().evictAll();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The redirect URI served on this machine: it takes one callback and hands over its query parameters. */
    private static final class Callback implements AutoCloseable {
        private final HttpServer server;
        private final CompletableFuture<Map<String, String>> parameters = new CompletableFuture<>();

        private Callback(HttpServer server) {
            this.server = server;
        }

        static Callback listen(InetSocketAddress address) throws IOException {
            Callback callback = new Callback(HttpServer.create(address, 0));
            callback.server.createContext(CALLBACK_PATH, exchange -> {
                Map<String, String> received = new LinkedHashMap<>();
                String query = exchange.getRequestURI().getRawQuery();
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        received.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
                byte[] page = "Authorized: you can close this window.".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(page);
                }
                callback.parameters.complete(received);
            });
            callback.server.start();
            return callback;
        }

        /** @return the redirect URI, with the port the server listens on */
        URI uri() {
            return URI.create("http://localhost:" + server.getAddress().getPort() + CALLBACK_PATH);
        }

        /** @return the query parameters of the callback, once the browser comes back (10 minutes at most) */
        Map<String, String> await() {
            try {
                return parameters.get(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the callback from Salesforce", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("no callback from Salesforce within 10 minutes", e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
