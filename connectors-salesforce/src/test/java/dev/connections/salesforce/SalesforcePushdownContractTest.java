package dev.connections.salesforce;

import dev.connections.spi.Connector;
import dev.connections.tck.FilterPushdownContract;
import dev.connections.tck.TestConnectorContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The Salesforce connector passes the TCK's filter pushdown contract on Accounts of every kind of value: the SOQL it
 * writes, and what it applies locally because SOQL cannot say it, give exactly the matching records.
 */
class SalesforcePushdownContractTest extends FilterPushdownContract {

    private final SalesforceFixture fixture = SalesforceFixture.withAccounts();

    @AfterEach
    void stopFake() {
        fixture.close();
    }

    @Override
    protected Connector connector() {
        return fixture.connector();
    }

    @Override
    protected Map<String, String> settings() {
        return fixture.settings();
    }

    @Override
    protected TestConnectorContext newContext(Map<String, String> settings) {
        return fixture.context(settings);
    }

    @Override
    protected String knownObject() {
        return "Account";
    }

    @Override
    protected List<String> knownFields() {
        return List.of("Id", "Name", "Industry", "AnnualRevenue", "NumberOfEmployees", "Active__c", "Founded__c",
                "LastReviewed__c", "BillingAddress");
    }
}
