package dev.connections.quickbooks;

import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.core.StandaloneHttp;
import dev.connections.fakes.quickbooks.FakeCompany;
import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.OAuthTokens;
import dev.connections.spi.ReadRequest;
import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.MutableClock;
import dev.connections.tck.TestConnectorContext;
import dev.connections.tck.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A fake QuickBooks company and a connection to it, opened the way the engine opens sessions: the connector pointed at
 * the fake as the host points it (a stand-in chosen in code, {@link QuickBooksConnector#standIn}), the
 * core's HTTP support with a sleeper that records waits instead of sleeping, tokens refreshed against the fake, and
 * one clock for the fake and the connector. Close it after the test.
 */
final class QuickBooksFixture implements AutoCloseable {

    static final String REALM = "9341452987654321";
    static final Instant START = Instant.parse("2026-03-02T17:00:00Z");

    /** Fields of a customer: its id, text, boolean, decimal, date and time, and fields of nested objects. */
    static final List<String> CUSTOMER_FIELDS = List.of("Id", "DisplayName", "Active", "Balance", "OpenBalanceDate",
            "CurrencyRef.value", "CurrencyRef.name", "BillAddr.City", "MetaData.LastUpdatedTime");

    final MutableClock clock;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final FakeQuickBooks fake;
    final FakeCompany company;
    final StandaloneHttp http;
    final QuickBooksConnector connector;
    final ConnectionId connection = ConnectionId.random();
    final TestTokens tokens;

    QuickBooksFixture() {
        this(START);
    }

    /** @param start the time of the clock of the fake and the connector, when the tokens are issued */
    QuickBooksFixture(Instant start) {
        clock = new MutableClock(start);
        fake = FakeQuickBooks.start(clock);
        company = fake.addCompany(REALM, "Craig's Design and Landscaping Services");
        connector = QuickBooksConnector.standIn(base());
        http = StandaloneHttp.create(waits::add, clock);
        FakeQuickBooks.Tokens issued = fake.issueTokens(REALM);
        tokens = TestTokens.of(issued.accessToken(), new RefreshGrant(fake, issued.refreshToken()));
    }

    /** @return the fake's root, to make a connector that talks to it */
    URI base() {
        return URI.create(fake.baseUrl());
    }

    /** @return a connection's settings: its company; the environment is the default, production */
    Map<String, String> settings() {
        return Map.of("realmId", REALM);
    }

    /** @return a context of this fixture's connection as the engine makes it: tokens, HTTP support, the clock */
    TestConnectorContext context() {
        return context(connection, settings(), tokens);
    }

    /** @return a context of a connection with these settings and tokens, on this fixture's HTTP support and clock */
    TestConnectorContext context(ConnectionId connection, Map<String, String> settings, OAuthTokens tokens) {
        return new TestConnectorContext(connection, settings, clock).withOAuth(tokens)
                .withHttp(c -> http.forSession(c, QuickBooksConnector.POLICY));
    }

    /**
     * @return the connector pointed at the fake as the TCK's suites take it: this fixture's connection, its sessions
     *         opened with its tokens, HTTP support and clock, and the customers, keyed by Id
     */
    ConnectorSubject<QuickBooksConnector> subject() {
        return ConnectorSubject.of(connector, settings()).withContexts(s -> context(connection, s, tokens))
                .withKnownObject("Customer", CUSTOMER_FIELDS).withRefreshKey(List.of("Id"));
    }

    ConnectorSession open() {
        return connector.open(context());
    }

    /** @return a request for some fields of an entity, typed as the connector describes them */
    ReadRequest full(String entity, Filter filter, String... fields) {
        return new ReadRequest(entity, fields(entity, fields), List.of("Id"), filter, ReadMode.FULL, null);
    }

    ReadRequest incremental(String entity, Cursor cursor, Filter filter, String... fields) {
        return new ReadRequest(entity, fields(entity, fields), List.of("Id"), filter, ReadMode.INCREMENTAL,
                cursor);
    }

    List<SourceField> fields(String entity, String... names) {
        SourceSchema schema = connector.open(context()).describe(entity);
        List<SourceField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(schema.field(name).orElseThrow(() -> new AssertionError(entity + " has no field " + name)));
        }
        return fields;
    }

    @Override
    public void close() {
        http.close();
        fake.close();
    }
}
