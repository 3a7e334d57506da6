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
import dev.connections.fakes.quickbooks.FakeCompany;
import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.quickbooks.QuickBooksConnector;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A QuickBooks Online company kept in sync: authorize a connection with OAuth, create a table of customers and one of
 * open invoices, refresh them in full, let the company change, and refresh again (incrementally, through change data
 * capture, one call for both tables).
 *
 * <p>By default it runs against the fake QuickBooks of {@code connections-fakes}: a real HTTP server on this machine
 * with a sample company, which the host (this code) chooses by registering
 * {@code QuickBooksConnector.standIn(fakeBaseUrl)}; a connection's settings cannot point it anywhere but Intuit. The
 * browser's part of the authorization is played by an HTTP client that follows the authorization URL to the fake and
 * reads the redirect back.
 *
 * <p>With {@code QUICKBOOKS_CLIENT_ID} and {@code QUICKBOOKS_CLIENT_SECRET} set (an app of the Intuit developer
 * portal), it runs against Intuit: {@code QUICKBOOKS_ENVIRONMENT} is {@code sandbox} (default) or {@code production},
 * {@code QUICKBOOKS_REDIRECT_URI} the app's registered redirect URI on this machine (default
 * {@code http://localhost:8765/callback}). It prints the URL to open, receives the callback on that port, refreshes,
 * waits for Enter while you change something in QuickBooks, and refreshes again. The user who authorizes must be an
 * administrator of the company.
 */
public final class QuickBooksExample {

    private static final URI FAKE_REDIRECT = URI.create("http://localhost:8765/callback");

    private QuickBooksExample() {
    }

    public static void main(String[] args) throws Exception {
        String clientId = System.getenv("QUICKBOOKS_CLIENT_ID");
        String clientSecret = System.getenv("QUICKBOOKS_CLIENT_SECRET");
        if (clientId == null || clientSecret == null) {
            runAgainstFake(System.out);
        } else {
            runAgainstIntuit(clientId, clientSecret, System.out);
        }
    }

    /** The example on the fake QuickBooks, printing to {@code out}. */
    static void runAgainstFake(PrintStream out) {
        try (FakeQuickBooks qbo = FakeQuickBooks.start()) {
            FakeCompany company = qbo.addCompany("9341452987654321", "Sandbox Company_US_1");
            String amy = company.insert("Customer", customer("Amy's Bird Sanctuary", "239.00", "amy@example.com"));
            String bill = company.insert("Customer", customer("Bill's Windsurf Shop", "85.00", null));
            company.insert("Customer", customer("Cool Cars", "0", "cars@example.com"));
            String invoice = company.insert("Invoice", invoice("1037", amy, "Amy's Bird Sanctuary", "239.00"));
            company.insert("Invoice", invoice("1038", bill, "Bill's Windsurf Shop", "85.00"));

            Principal pam = Principal.of("pam");
            try (Connections sdk = Connections.builder()
                    // the host's choice, in code: every QuickBooks connection talks to the fake instead of Intuit
                    .connector(QuickBooksConnector.standIn(URI.create(qbo.baseUrl())))
                    .oauthClient("quickbooks", qbo.clientId(), qbo.clientSecret())
                    .redirectUri(FAKE_REDIRECT)
                    .externalScheduler()
                    .build()) {
                AuthorizationRequest authorization = sdk.connections().authorize(pam, "quickbooks",
                        "Pam's QBO Company A connection", Map.of("environment", "sandbox"));
                out.println("Authorize at: " + authorization.authorizationUrl().getPath() + " (the fake QuickBooks)");
                Connection connection = sdk.connections().completeAuthorization(pam,
                        followAsABrowser(authorization.authorizationUrl()));
                sync(sdk, pam, connection, out, () -> {
                    company.update("Invoice", invoice, Map.of("Balance", BigDecimal.ZERO));
                    company.delete("Customer", bill);
                    company.insert("Customer", customer("Diego Rodriguez", "1140.50", "diego@example.com"));
                    out.println();
                    out.println("In QuickBooks: invoice 1037 paid, Bill's Windsurf Shop deleted, Diego Rodriguez "
                            + "added.");
                });
            }
        }
    }

    /** The example on a real QuickBooks company. */
    static void runAgainstIntuit(String clientId, String clientSecret, PrintStream out) throws IOException {
        String environment = env("QUICKBOOKS_ENVIRONMENT", "sandbox");
        URI redirect = URI.create(env("QUICKBOOKS_REDIRECT_URI", "http://localhost:8765/callback"));
        Principal pam = Principal.of("pam");
        try (Connections sdk = Connections.builder()
                .oauthClient("quickbooks", clientId, clientSecret)
                .redirectUri(redirect)
                .externalScheduler()
                .build()) {
            AuthorizationRequest authorization = sdk.connections().authorize(pam, "quickbooks",
                    "Pam's QBO connection", Map.of("environment", environment));
            Map<String, String> callback = awaitCallback(redirect, authorization.authorizationUrl(), out);
            Connection connection = sdk.connections().completeAuthorization(pam, callback);
            sync(sdk, pam, connection, out, () -> {
                out.println();
                out.println("Change a customer or an invoice in QuickBooks, then press Enter.");
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Tables, a full refresh, the changes, an incremental refresh, the history. */
    private static void sync(Connections sdk, Principal pam, Connection connection, PrintStream out,
                             Runnable changes) {
        out.println("Connection: " + connection.name() + " -> company " + connection.account() + " ("
                + connection.status() + ", " + connection.lastTest().message() + ")");
        ConnectedTable customers = sdk.tables().create(pam, NewTable.builder()
                .app("books").name("Customers").connection(connection.id()).object("Customer")
                .fields("Id", "DisplayName", "Balance", "PrimaryEmailAddr.Address")
                .refreshKey("Id").filter(Filter.all())
                .tableUpdates(TableUpdates.REMOVE).schedule(RefreshSchedule.everyHours(4)).build());
        ConnectedTable invoices = sdk.tables().create(pam, NewTable.builder()
                .app("books").name("Open invoices").connection(connection.id()).object("Invoice")
                .fields("Id", "DocNumber", "CustomerRef.name", "TotalAmt", "Balance", "Line")
                .refreshKey("Id").filter(Filter.field("Balance").greaterThan(0))
                .tableUpdates(TableUpdates.REMOVE).schedule(RefreshSchedule.everyHours(4)).build());
        List<ConnectedTable> tables = List.of(customers, invoices);

        out.println();
        refresh(sdk, pam, tables, "First refresh", out);
        changes.run();
        out.println();
        refresh(sdk, pam, tables, "Second refresh", out);
    }

    private static void refresh(Connections sdk, Principal pam, List<ConnectedTable> tables, String title,
                                PrintStream out) {
        for (ConnectedTable table : tables) {
            RefreshRun run = sdk.tables().refresh(pam, table.id());
            out.println(title + " of " + table.name() + ": " + run.status() + " " + run.mode() + " - " + run.counts()
                    + ", " + run.apiCalls() + " API call(s)" + (run.message() == null ? "" : ": " + run.message()));
            try (var rows = sdk.tables().rows(pam, table.id())) {
                rows.forEach(row -> out.println("  " + Arrays.toString(row)));
            }
        }
    }

    private static Map<String, Object> customer(String name, String balance, String email) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("DisplayName", name);
        json.put("Active", true);
        json.put("Balance", new BigDecimal(balance));
        if (email != null) {
            json.put("PrimaryEmailAddr", Map.of("Address", email));
        }
        return json;
    }

    private static Map<String, Object> invoice(String number, String customerId, String customer, String amount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("DocNumber", number);
        json.put("TxnDate", "2026-03-02");
        json.put("CustomerRef", Map.of("value", customerId, "name", customer));
        json.put("TotalAmt", new BigDecimal(amount));
        json.put("Balance", new BigDecimal(amount));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("Amount", new BigDecimal(amount));
        line.put("DetailType", "SalesItemLineDetail");
        json.put("Line", List.of(line));
        return json;
    }

    /** Plays the browser: opens the authorization URL on the fake and reads the parameters of its redirect back. */
    private static Map<String, String> followAsABrowser(URI authorizationUrl) {
        OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();
        try (Response response = browser.newCall(new Request.Builder().url(authorizationUrl.toString()).build())
                .execute()) {
            HttpUrl back = HttpUrl.get(response.header("Location"));
            Map<String, String> parameters = new LinkedHashMap<>();
            back.queryParameterNames().forEach(name -> parameters.put(name, back.queryParameter(name)));
            return parameters;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.dispatcher().executorService().shutdown();
            browser.connectionPool().evictAll();
        }
    }

    /** Serves the redirect URI on this machine until Intuit sends the user back, and returns its parameters. */
    private static Map<String, String> awaitCallback(URI redirect, URI authorizationUrl, PrintStream out)
            throws IOException {
        CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(redirect.getHost(), redirect.getPort()), 0);
        server.createContext(redirect.getPath(), exchange -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            byte[] page = "Authorized: you can close this window.".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
            callback.complete(parameters);
        });
        server.start();
        try {
            out.println("Open this URL in a browser and sign in as an administrator of the company:");
            out.println("  " + authorizationUrl);
            return callback.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the callback from QuickBooks", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no callback from QuickBooks within 10 minutes", e);
        } finally {
            server.stop(0);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
