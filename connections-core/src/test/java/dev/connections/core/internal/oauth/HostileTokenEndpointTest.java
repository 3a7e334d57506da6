package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.AuthorizationRequest;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A token endpoint that answers what no real one should: the SDK keeps the client secret and its memory safe. */
class HostileTokenEndpointTest {

    private OAuthFixture f = new OAuthFixture();
    private final MockWebServer elsewhere = new MockWebServer();

    @AfterEach
    void tearDown() {
        f.close();
        elsewhere.close();
    }

    private ConnectorException completionFailure() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        return catchThrowableOfType(ConnectorException.class, () -> f.sdk.connections()
                .completeAuthorization(PAM, f.service.approve(request.authorizationUrl(), "realm-1")));
    }

    @Test
    void aRedirectOfTheCodeExchangeIsNotFollowedSoTheClientSecretGoesNowhereElse() throws IOException {
        elsewhere.start();
        f.service.tokenFaults.add(new MockResponse.Builder().code(307)
                .setHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/collect").build());

        ConnectorException e = completionFailure();

        assertThat(e.getMessage()).contains("HTTP 307", "127.0.0.1").doesNotContain("/collect")
                .doesNotContain(FakeOAuthService.CLIENT_SECRET);
        assertThat(elsewhere.getRequestCount()).isZero();
        assertThat(f.service.tokenRequests.get()).isEqualTo(1);
        assertThat(f.storage.connections().byOwner(PAM)).isEmpty();
    }

    @Test
    void aTokenAnswerLargerThan64KiBIsNotReadIntoMemory() {
        f.service.tokenFaults.add(FakeOAuthService.json(200, Map.of("access_token", "at-huge", "token_type", "bearer",
                "scope", "x".repeat(1 << 20))));

        ConnectorException e = completionFailure();

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("more than 64 KiB");
        assertThat(f.storage.connections().byOwner(PAM)).isEmpty();
    }

    @Test
    void aRefusalWithLineBreaksComesOutOnOneLine() {
        f.service.tokenFaults.add(FakeOAuthService.json(400, Map.of("error", "invalid_request",
                "error_description", "redirect_uri\nmismatch:\r\n  see the app's settings")));

        ConnectorException e = completionFailure();

        assertThat(e.getMessage()).contains("invalid_request: redirect_uri mismatch: see the app's settings")
                .doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void aTokenRefusalQuotesTheCorrelationHeadersThePolicyNames() {
        f.close();
        f = new OAuthFixture(OAuthSpec.ClientAuthentication.FORM, OAuthSpec.RevocationBody.FORM,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, b -> b.httpPolicy(OAuthTestConnector.ID,
                        ServiceHttp.Policy.DEFAULT.withCorrelationHeaders(List.of("request-id"))));
        f.service.tokenFaults.add(FakeOAuthService.json(400, Map.of("error", "invalid_request")).newBuilder()
                .setHeader("request-id", "req-7d1e").build());

        ConnectorException e = completionFailure();

        assertThat(e.getMessage()).contains("invalid_request").endsWith("(request-id req-7d1e)");
    }
}
