package dev.connections.quickbooks;

import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthConnector;
import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.OAuthConnectorContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The QuickBooks connector passes the TCK's OAuth contract against the fake QuickBooks: the fake's access tokens, its
 * 401 to an expired or unknown one, and the SDK's HTTP support.
 */
class QuickBooksOAuthContractTest extends OAuthConnectorContract {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void stopFake() {
        qbo.close();
    }

    @Override
    protected ConnectorSubject<QuickBooksConnector> subject() {
        return qbo.subject();
    }

    @Override
    protected OAuthConnector realServiceConnector() {
        return new QuickBooksConnector();
    }

    @Override
    protected String issueAccessToken() {
        return qbo.fake.issueTokens(QuickBooksFixture.REALM).accessToken();
    }

    @Override
    protected void revokeAccessTokens() {
        qbo.fake.expireAccessTokens();
    }

    @Override
    protected ServiceHttp http(ConnectorContext context) {
        return qbo.http.forSession(context, QuickBooksConnector.POLICY);
    }
}
