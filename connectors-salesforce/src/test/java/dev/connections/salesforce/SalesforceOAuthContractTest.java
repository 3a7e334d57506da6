package dev.connections.salesforce;

import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthConnector;
import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.OAuthConnectorContract;
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
    protected ConnectorSubject<SalesforceConnector> subject() {
        return fixture.subject();
    }

    @Override
    protected OAuthConnector realServiceConnector() {
        return new SalesforceConnector();
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
}
