package dev.connections.salesforce;

import dev.connections.api.ConnectionId;
import dev.connections.core.StandaloneHttp;
import dev.connections.fakes.salesforce.FakeField;
import dev.connections.fakes.salesforce.FakeObject;
import dev.connections.fakes.salesforce.FakeSalesforce;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.MutableClock;
import dev.connections.tck.TestConnectorContext;
import dev.connections.tck.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * A fake Salesforce with an Account object of known records, a clock shared by the fake and the connector, tokens
 * refreshed against the fake, and sessions opened on it without the engine but with the SDK's HTTP support (retries
 * that do not sleep). Close it after each test.
 */
final class SalesforceFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2024-03-01T10:15:00Z");

    /** The fields of the accounts, one of every kind of value. */
    static final List<String> ACCOUNT_FIELDS = List.of("Id", "Name", "Industry", "AnnualRevenue", "NumberOfEmployees",
            "Active__c", "Founded__c", "LastReviewed__c", "BillingAddress");

    final MutableClock clock = new MutableClock(START);
    final FakeSalesforce fake;
    final OkHttpClient client = new OkHttpClient();
    final StandaloneHttp http = StandaloneHttp.create(d -> { }, clock);
    final TestTokens tokens;
    final List<String> accountIds = new ArrayList<>();

    SalesforceFixture() {
        this(b -> { });
    }

    SalesforceFixture(Consumer<FakeSalesforce.Builder> configure) {
        FakeSalesforce.Builder builder = FakeSalesforce.builder().clock(clock);
        configure.accept(builder);
        this.fake = builder.start();
        FakeSalesforce.IssuedTokens issued = fake.issueTokens();
        this.tokens = TestTokens.of(issued.accessToken(), new RefreshGrant(fake, client, issued.refreshToken()));
    }

    /** The fixture with the Account object and four accounts, inserted one minute apart. */
    static SalesforceFixture withAccounts() {
        SalesforceFixture f = new SalesforceFixture();
        f.addAccounts();
        return f;
    }

    void addAccounts() {
        fake.addObject(FakeObject.of("Account", "Account",
                FakeField.of("Name", "string").required(),
                FakeField.of("Industry", "picklist"),
                FakeField.of("AnnualRevenue", "currency"),
                FakeField.of("NumberOfEmployees", "int"),
                FakeField.of("Active__c", "boolean"),
                FakeField.of("Founded__c", "date"),
                FakeField.of("LastReviewed__c", "datetime"),
                FakeField.of("Description", "textarea"),
                FakeField.of("BillingAddress", "address")));
        for (Map<String, Object> account : accounts()) {
            accountIds.add(fake.insert("Account", account));
            clock.advance(Duration.ofMinutes(1));
        }
    }

    /** The accounts as inserted, by field name. */
    static List<Map<String, Object>> accounts() {
        return List.of(
                account("Acme", "Energy", new BigDecimal("250000.00"), 120L, true, LocalDate.of(1999, 5, 1),
                        Instant.parse("2024-02-01T09:00:00Z"), Map.of("city", "Springfield")),
                account("O'Brien \\ Sons", "Retail", new BigDecimal("99.50"), 3L, false, LocalDate.of(2010, 1, 2),
                        null, null),
                account("Globex", null, new BigDecimal("1500000"), 4500L, true, null,
                        Instant.parse("2024-01-15T17:30:00.250Z"), null),
                account("Initech", "Software", null, null, false, LocalDate.of(2001, 9, 11), null, null));
    }

    private static Map<String, Object> account(String name, String industry, BigDecimal revenue, Long employees,
                                               boolean active, LocalDate founded, Instant reviewed,
                                               Map<String, Object> address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", name);
        m.put("Industry", industry);
        m.put("AnnualRevenue", revenue);
        m.put("NumberOfEmployees", employees);
        m.put("Active__c", active);
        m.put("Founded__c", founded);
        m.put("LastReviewed__c", reviewed);
        m.put("BillingAddress", address);
        return m;
    }

    /** @return the settings of an authorized connection to the fake */
    Map<String, String> settings() {
        return settings(Map.of());
    }

    Map<String, String> settings(Map<String, String> more) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("instance_url", fake.url());
        s.put("id", fake.url() + "/id/" + fake.orgId() + "/005000000000001AAA");
        s.putAll(more);
        return s;
    }

    /**
     * @return a context of a connection with these settings, as the engine makes it: this fixture's tokens and clock,
     *         the SDK's HTTP support with the policy the engine gives Salesforce (the default)
     */
    TestConnectorContext context(Map<String, String> settings) {
        return new TestConnectorContext(ConnectionId.random(), settings, clock).withOAuth(tokens)
                .withHttp(c -> http.forSession(c, ServiceHttp.Policy.DEFAULT));
    }

    /**
     * @return the connector pointed at this fixture's fake, as the TCK's suites take it: the settings of an authorized
     *         connection, sessions opened with {@link #context}, and the accounts with every kind of value, keyed by Id
     */
    ConnectorSubject<SalesforceConnector> subject() {
        return ConnectorSubject.of(connector(), settings()).withContexts(this::context)
                .withKnownObject("Account", ACCOUNT_FIELDS).withRefreshKey(List.of("Id"));
    }

    /** @return a connector that sends everything to this fixture's fake, as a host that chose it in code would */
    SalesforceConnector standIn(BulkQuery.Pause pause, SalesforceLimits limits) {
        return new SalesforceConnector(pause, limits, SalesforceHosts.standIn(java.net.URI.create(fake.url())));
    }

    /** @return the connector pointed at this fixture's fake, waiting for Bulk jobs without pausing */
    SalesforceConnector connector() {
        return standIn(d -> { }, SalesforceLimits.DEFAULT);
    }

    ConnectorSession open() {
        return connector().open(context(settings()));
    }

    ConnectorSession open(Map<String, String> moreSettings) {
        return connector().open(context(settings(moreSettings)));
    }

    @Override
    public void close() {
        http.close();
        fake.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
