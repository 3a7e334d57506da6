package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.fakes.quickbooks.FakeCompany;
import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.tck.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The whole SDK on the fake QuickBooks: {@link Connections} with the connector pointed at the fake by the host, in
 * code ({@link QuickBooksConnector#standIn}, registered in place of the one ServiceLoader finds), the fake's
 * OAuth client, the fake's clock, a sleeper that records waits instead of sleeping, and an external scheduler.
 * Authorizes like a browser: follows the authorization URL to the fake and completes the authorization with the
 * parameters of its redirect. Close it after the test.
 */
final class SdkFixture implements AutoCloseable {

    static final URI REDIRECT = URI.create("http://localhost:8765/oauth/callback");

    final Principal pam = Principal.of("pam");
    final Principal sam = Principal.of("sam");
    final MutableClock clock = new MutableClock(QuickBooksFixture.START);
    final FakeQuickBooks fake = FakeQuickBooks.start(clock);
    final FakeCompany company = fake.addCompany(QuickBooksFixture.REALM, "Craig's Design and Landscaping Services");
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final List<ConnectionsEvent> events = new CopyOnWriteArrayList<>();
    final Connections sdk;
    private final OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();

    SdkFixture(int refreshThreads) {
        sdk = Connections.builder().clock(clock)
                .connector(QuickBooksConnector.standIn(URI.create(fake.baseUrl())))
                .oauthClient("quickbooks", fake.clientId(), fake.clientSecret())
                .redirectUri(REDIRECT).sleeper(waits::add).externalScheduler().refreshThreads(refreshThreads)
                .listener(events::add).build();
    }

    /** Authorizes a new connection to the company the fake's user signs in to. */
    Connection connect(Principal owner, String name) {
        AuthorizationRequest request = sdk.connections().authorize(owner, "quickbooks", name);
        return sdk.connections().completeAuthorization(owner, callback(request.authorizationUrl()));
    }

    /** Reauthorizes a connection, as its owner. */
    Connection reauthorize(Principal owner, ConnectionId id) {
        AuthorizationRequest request = sdk.connections().reauthorize(owner, id);
        return sdk.connections().completeAuthorization(owner, callback(request.authorizationUrl()));
    }

    /** A manual table of some fields of an entity, Id as the refresh key. */
    ConnectedTable table(Principal owner, Connection c, String name, String entity, TableUpdates updates,
                         String... fields) {
        return sdk.tables().create(owner, NewTable.builder().app("books").name(name).connection(c.id())
                .object(entity).fields(fields).refreshKey("Id").filter(Filter.all()).tableUpdates(updates)
                .schedule(RefreshSchedule.manual()).build());
    }

    /** @return the first value (the Id) of every row of a table */
    List<Object> ids(Principal owner, TableId table) {
        return sdk.tables().rows(owner, table).map(r -> r[0]).toList();
    }

    /** @return the query parameters the fake's authorization endpoint redirects back with */
    Map<String, String> callback(URI authorizationUrl) {
        try (Response r = browser.newCall(new Request.Builder().url(authorizationUrl.toString()).build()).execute()) {
            assertThat(r.code()).as("authorize redirect").isEqualTo(302);
            HttpUrl back = HttpUrl.get(r.header("Location"));
            assertThat(back.toString()).startsWith(REDIRECT.toString());
            Map<String, String> params = new LinkedHashMap<>();
            back.queryParameterNames().forEach(n -> params.put(n, back.queryParameter(n)));
            return params;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sdk.close();
        fake.close();
        browser.dispatcher().executorService().shutdown();
    }
}
