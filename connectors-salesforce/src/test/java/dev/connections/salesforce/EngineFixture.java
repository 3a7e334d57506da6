package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.tck.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The whole SDK on the fake Salesforce: {@link Connections} with the connector found by ServiceLoader, an OAuth client
 * registered with the fake, the fake's clock, and retries that do not sleep. Authorizes like a browser: follows the
 * authorization URL to the fake, reads its redirect, completes the authorization with the callback's parameters.
 */
final class EngineFixture implements AutoCloseable {

    static final URI REDIRECT = URI.create("http://localhost:8765/oauth/callback");
    static final List<String> FIELDS = List.of("Id", "Name", "Industry", "AnnualRevenue", "NumberOfEmployees",
            "Active__c", "Founded__c", "LastReviewed__c");

    final Principal pam = Principal.of("pam");
    final SalesforceFixture sf;
    final Connections sdk;
    final List<ConnectionsEvent> events = new CopyOnWriteArrayList<>();
    private final OkHttpClient browser = new OkHttpClient.Builder().followRedirects(false).build();

    EngineFixture() {
        this(b -> { });
    }

    EngineFixture(Consumer<Connections.Builder> configure) {
        this.sf = SalesforceFixture.withAccounts();
        Connections.Builder b = Connections.builder().clock(sf.clock).connector(SalesforceConnector.standIn(sf.fake.url()))
                .oauthClient("salesforce", sf.fake.clientId(), sf.fake.clientSecret())
                .redirectUri(REDIRECT).sleeper(d -> { }).externalScheduler().listener(events::add);
        configure.accept(b);
        this.sdk = b.build();
    }

    /** Authorizes a new connection to the fake as pam, the way a browser and a callback would. */
    Connection connect() {
        return connect(Map.of());
    }

    /** Authorizes a new connection to the fake with more settings, e.g. a Bulk API threshold. */
    Connection connect(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        AuthorizationRequest request = sdk.connections().authorize(pam, "salesforce", "Pam's org "
                + sdk.connections().list(pam).size(), all);
        return sdk.connections().completeAuthorization(pam, callback(request.authorizationUrl()));
    }

    /** @return the query parameters the fake's authorize endpoint redirects back with */
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

    /** A table of accounts with a filter, REMOVE and a manual schedule. */
    ConnectedTable accounts(Connection c, String name, Filter filter) {
        return sdk.tables().create(pam, NewTable.builder().app("crm").name(name).connection(c.id())
                .object("Account").fields(FIELDS).refreshKey("Id").filter(filter)
                .tableUpdates(TableUpdates.REMOVE).schedule(RefreshSchedule.manual()).build());
    }

    /** @return the table's rows, normalized for comparison, sorted by Id */
    List<List<Object>> rows(TableId table) {
        return sdk.tables().rows(pam, table).map(Rows::normalized)
                .sorted(Comparator.comparing(r -> r.get(0).toString())).toList();
    }

    @Override
    public void close() {
        sdk.close();
        sf.close();
        browser.dispatcher().executorService().shutdown();
    }
}
