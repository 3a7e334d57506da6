package dev.connections.salesforce;

import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.DeletesContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The Salesforce connector passes the TCK's deletes contract: a deleted Account comes back with IsDeleted. */
class SalesforceDeletesContractTest extends DeletesContract {

    private final SalesforceFixture fixture = SalesforceFixture.withAccounts();

    @AfterEach
    void stopFake() {
        fixture.close();
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return fixture.subject();
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
