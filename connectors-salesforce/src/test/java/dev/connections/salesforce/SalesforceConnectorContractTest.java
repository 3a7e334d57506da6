package dev.connections.salesforce;

import dev.connections.api.Filter;
import dev.connections.tck.ConnectorContract;
import dev.connections.tck.ConnectorSubject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The Salesforce connector passes the TCK's connector contract against the fake Salesforce, on Account records of
 * every kind of value: text with a quote and a backslash, currency, int, boolean, date, datetime, an address. Its
 * sessions get the connection's tokens and the SDK's HTTP support, as the engine gives them.
 */
class SalesforceConnectorContractTest extends ConnectorContract {

    private final SalesforceFixture fixture = SalesforceFixture.withAccounts();

    @AfterEach
    void stopFake() {
        fixture.close();
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return fixture.subject();
    }

    @Override
    protected List<Map<String, Object>> expectedRecords() {
        List<Map<String, Object>> expected = new ArrayList<>();
        List<Map<String, Object>> accounts = SalesforceFixture.accounts();
        for (int i = 0; i < accounts.size(); i++) {
            Map<String, Object> record = new HashMap<>(accounts.get(i));
            record.put("Id", fixture.accountIds.get(i));
            Object address = record.get("BillingAddress");
            record.put("BillingAddress", address == null ? null : "{\"city\":\"Springfield\"}");
            expected.add(record);
        }
        return expected;
    }

    @Override
    protected Filter selectiveFilter() {
        return Filter.field("AnnualRevenue").greaterThan(100_000).or(Filter.field("Industry").equalTo("Retail"));
    }
}
