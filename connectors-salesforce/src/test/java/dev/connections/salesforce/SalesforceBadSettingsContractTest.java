package dev.connections.salesforce;

import dev.connections.spi.ConnectorException;
import dev.connections.tck.BadSettingsContract;
import dev.connections.tck.ConnectorSubject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The Salesforce connector passes the TCK's bad settings contract: an API version or a Bulk API threshold of the wrong
 * form, and a connection without an instance URL, are CONFIGURATION failures; an instance URL that is not the
 * connector's host is AUTHENTICATION (the connection must be authorized again).
 */
class SalesforceBadSettingsContractTest extends BadSettingsContract {

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
    protected List<BadSettings> badSettings() {
        return List.of(BadSettings.of("an API version that is not one", with("apiVersion", "sixty-two")),
                BadSettings.of("a Bulk API threshold that is not a number", with("bulkThreshold", "lots")),
                BadSettings.of("a negative Bulk API threshold", with("bulkThreshold", "-1")),
                BadSettings.of("no instance URL, as before the authorization", without("instance_url")),
                BadSettings.of("an instance URL of another host", with("instance_url", "https://evil.example"))
                        .orKind(ConnectorException.Kind.AUTHENTICATION));
    }
}
