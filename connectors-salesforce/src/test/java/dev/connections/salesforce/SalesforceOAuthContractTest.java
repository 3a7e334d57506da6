package dev.connections.salesforce;

import dev.connections.api.ConnectionId;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthConnector;
import dev.connections.tck.OAuthConnectorContract;
import dev.connections.tck.TestConnectorContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The Salesforce connector passes the TCK's OAuth contract against the fake Salesforce: the fake's access tokens, its
 * 401 INVALID_SESSION_ID to an expired or unknown one, and the SDK's HTTP support.
 */
class SalesforceOAuthContractTest extends OAuthConnectorContract {

    private final SalesforceFixture fixture = SalesforceFixture.withAccounts();

    @AfterEach
    void stopFake() {
        fixture.close();
    }

    @Override
    protected OAuthConnector connector() {
        return fixture.connector();
    }

    @Override
    protected OAuthConnector realServiceConnector() {
        return new SalesforceConnector();
    }

    @Override
    protected Map<String, String> settings() {
        return fixture.settings();
    }

    @Override
    protected String issueAccessToken() {
        return fixture.fake.issueTokens().accessToken();
    }

    @Override
    protected void revokeAccessTokens() {
        fixture.fake.faults().expireAccessTokens();
    }

    @Override
    protected ServiceHttp http(ConnectorContext context) {
        return fixture.http.forSession(context, ServiceHttp.Policy.DEFAULT);
    }

    @Override
    protected TestConnectorContext newContext(Map<String, String> settings) {
        return new TestConnectorContext(ConnectionId.random(), settings, fixture.clock);
    }
}
