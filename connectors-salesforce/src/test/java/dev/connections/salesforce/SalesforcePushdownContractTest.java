package dev.connections.salesforce;

import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.FilterPushdownContract;
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
    protected ConnectorSubject<?> subject() {
        return fixture.subject();
    }
}
