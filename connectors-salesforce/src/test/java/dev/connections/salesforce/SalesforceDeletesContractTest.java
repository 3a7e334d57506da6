package dev.connections.salesforce;

import dev.connections.spi.Connector;
import dev.connections.tck.DeletesContract;
import dev.connections.tck.TestConnectorContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The Salesforce connector passes the TCK's deletes contract: a deleted Account comes back with IsDeleted. */
class SalesforceDeletesContractTest extends DeletesContract {

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
        return List.of("Id", "Name", "AnnualRevenue");
    }

    @Override
    protected List<String> refreshKey() {
        return List.of("Id");
    }

    /** Ten minutes after the full read, so that its SystemModstamp is after the cursor. */
    @Override
    protected List<Object> deleteRecord() {
        String id = fixture.accountIds.get(1);
        fixture.clock.advance(Duration.ofMinutes(10));
        fixture.fake.delete("Account", id);
        return List.of(id);
    }
}
