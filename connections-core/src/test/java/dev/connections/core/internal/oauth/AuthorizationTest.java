package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.JIM;
import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.NewConnection;
import dev.connections.core.Connections;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The authorization code flow: authorize, the user's consent, completeAuthorization. */
class AuthorizationTest {

    private final OAuthFixture f = new OAuthFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static ConnectionsException.Reason reason(Throwable e) {
        return ((ConnectionsException) e).reason();
    }

    @Test
    void authorizationUrlCarriesClientStateAndAnS256Challenge() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");

        HttpUrl url = HttpUrl.get(request.authorizationUrl());
        assertThat(url.encodedPath()).isEqualTo("/oauth/authorize");
        assertThat(url.queryParameter("response_type")).isEqualTo("code");
        assertThat(url.queryParameter("client_id")).isEqualTo(FakeOAuthService.CLIENT_ID);
        assertThat(url.queryParameter("redirect_uri")).isEqualTo(OAuthFixture.REDIRECT.toString());
        assertThat(url.queryParameter("scope")).isEqualTo("read offline");
        assertThat(url.queryParameter("prompt")).isEqualTo("consent");
        assertThat(url.queryParameter("state")).isEqualTo(request.state()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
        assertThat(url.queryParameter("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(request.connection()).isNull();
        assertThat(request.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(url.toString()).doesNotContain(FakeOAuthService.CLIENT_SECRET);
    }

    @Test
    void eachAuthorizationHasItsOwnStateAndChallenge() {
        AuthorizationRequest a = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        AuthorizationRequest b = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");

        assertThat(a.state()).isNotEqualTo(b.state());
        assertThat(HttpUrl.get(a.authorizationUrl()).queryParameter("code_challenge"))
                .isNotEqualTo(HttpUrl.get(b.authorizationUrl()).queryParameter("code_challenge"));
    }

    @Test
    void completingExchangesTheCodeTestsTheConnectionAndLearnsItsAccount() {
        Connection c = f.connect(PAM, "Acme", "realm-1");

        assertThat(c.owner()).isEqualTo(PAM);
        assertThat(c.name()).isEqualTo("Acme");
        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(c.account()).isEqualTo("realm-1");
        assertThat(c.lastTest().ok()).isTrue();
        assertThat(c.lastTest().message()).contains("Company realm-1");
        assertThat(c.settings()).containsEntry("account", "realm-1")
                .containsEntry("api_url", f.service.base().toString());
        assertThat(f.service.tokenRequests.get()).isEqualTo(1);
        assertThat(f.sdk.connections().list(PAM)).extracting(Connection::id).containsExactly(c.id());
    }

    @Test
    void tokensAreStoredOnlyAsCiphertext() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        String access = f.service.latestAccessToken();
        String refresh = f.service.latestRefreshToken();

        String stored = new String(f.stored(c.id()).secrets(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(access).doesNotContain(refresh);
        assertThat(f.stored(c.id()).settings().values()).doesNotContain(access, refresh);
        assertThat(f.stored(c.id()).toString() + c).doesNotContain(access).doesNotContain(refresh);
        assertThat(f.secrets(c.id())).containsEntry(Tokens.ACCESS, access).containsEntry(Tokens.REFRESH, refresh);
    }

    @Test
    void anExpiresInIsKeptAsTheTokensExpiry() {
        f.service.expiresIn = 3600;

        Connection c = f.connect(PAM, "Acme", "realm-1");

        assertThat(f.secrets(c.id())).containsEntry(Tokens.EXPIRES_AT,
                f.clock.instant().plus(Duration.ofHours(1)).toString());
    }

    @Test
    void aStateCanBeCompletedOnce() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        Map<String, String> callback = f.service.approve(request.authorizationUrl(), "realm-1");
        f.sdk.connections().completeAuthorization(PAM, callback);

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, callback))
                .hasMessageContaining("unknown or was already completed").hasMessageContaining("authorize()")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
        assertThat(f.sdk.connections().list(PAM)).hasSize(1);
        assertThat(f.service.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void aStateExpiresAfterTenMinutes() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        Map<String, String> callback = f.service.approve(request.authorizationUrl(), "realm-1");
        f.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, callback))
                .hasMessageContaining("expired").hasMessageContaining("within 10 minutes")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
        assertThat(f.sdk.connections().list(PAM)).isEmpty();
        assertThat(f.service.tokenRequests.get()).isZero();
    }

    @Test
    void anUnknownStateIsRefused() {
        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, Map.of("code", "c", "state", "forged")))
                .hasMessageContaining("unknown")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, Map.of("code", "c")))
                .hasMessageContaining("no 'state' parameter");
    }

    @Test
    void aStateIsBoundToThePrincipalWhoStartedIt() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        Map<String, String> callback = f.service.approve(request.authorizationUrl(), "realm-1");

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(JIM, callback))
                .hasMessageContaining("started by another user")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.ACCESS_DENIED));
        assertThat(f.sdk.connections().list(JIM)).isEmpty();
        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, callback))
                .hasMessageContaining("already completed");
    }

    @Test
    void aCallbackAnotherUserStartedMakesNoConnectionInTheVictimsSession() {
        // login CSRF: Jim starts an authorization of his own account and lures Pam into opening its callback
        AuthorizationRequest jims = f.sdk.connections().authorize(JIM, OAuthTestConnector.ID, "Jim's");
        Map<String, String> lure = f.service.approve(jims.authorizationUrl(), "realm-of-jim");

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, lure))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.ACCESS_DENIED));

        assertThat(f.sdk.connections().list(PAM)).isEmpty();
        assertThat(f.sdk.connections().list(JIM)).isEmpty();
        assertThat(f.service.tokenRequests.get()).isZero();
    }

    @Test
    void theOwnerCompletesWithTheirOwnPrincipal() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");

        Connection c = f.sdk.connections().completeAuthorization(PAM,
                f.service.approve(request.authorizationUrl(), "realm-1"));

        assertThat(c.owner()).isEqualTo(PAM);
    }

    @Test
    void anErrorFromTheServiceIsReportedClearly() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM,
                f.service.deny(request.authorizationUrl())))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("did not grant access (access_denied: The user denied access)")
                .hasMessageContaining("Start again with authorize()");
        assertThat(f.sdk.connections().list(PAM)).isEmpty();
    }

    @Test
    void aRefusedCodeStoresNothing() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        Map<String, String> callback = new java.util.HashMap<>(
                f.service.approve(request.authorizationUrl(), "realm-1"));
        callback.put("code", "code-that-was-never-issued");

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, callback))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("authorization code was refused (invalid_grant");
        assertThat(f.sdk.connections().list(PAM)).isEmpty();
    }

    @Test
    void aFailedTestStoresNothingAndRevokesTheNewTokens() {
        f.service.apiFaults.add(FakeOAuthService.json(403, Map.of("error", "API_DISABLED")));
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM,
                f.service.approve(request.authorizationUrl(), "realm-1")))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("lacks API access");

        assertThat(f.sdk.connections().list(PAM)).isEmpty();
        assertThat(f.service.revoked).containsExactly(f.service.latestRefreshToken());
    }

    @Test
    void aServiceWithoutOAuthIsNotAuthorized() {
        assertThatThrownBy(() -> f.sdk.connections().authorize(PAM, "folder", "Exports"))
                .hasMessageContaining("does not use OAuth").hasMessageContaining("create(")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
    }

    @Test
    void anOAuthServiceIsNotCreatedFromSettings() {
        assertThatThrownBy(() -> f.sdk.connections().create(PAM, NewConnection.of(OAuthTestConnector.ID, "x")))
                .hasMessageContaining("uses OAuth: start with authorize()");
    }

    @Test
    void anUnknownSettingIsRefusedBeforeTheUserIsSentAway() {
        assertThatThrownBy(() -> f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme",
                Map.of("regoin", "us")))
                .hasMessageContaining("no setting 'regoin'").hasMessageContaining("[region]");
    }

    @Test
    void aDuplicateNameIsRefusedBeforeTheUserIsSentAway() {
        f.connect(PAM, "Acme", "realm-1");

        assertThatThrownBy(() -> f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "acme"))
                .hasMessageContaining("already have a connection named");
    }

    @Test
    void anSdkWithoutAClientForTheServiceSaysHowToGiveOne() {
        try (Connections bare = Connections.builder().connector(new OAuthTestConnector(f.service,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, ServiceHttp.Policy.DEFAULT))
                .redirectUri(OAuthFixture.REDIRECT).discoverConnectors(false).externalScheduler().build()) {
            assertThatThrownBy(() -> bare.connections().authorize(PAM, OAuthTestConnector.ID, "Acme"))
                    .hasMessageContaining("no OAuth client for the service 'oauthtest'")
                    .hasMessageContaining("oauthClient(\"oauthtest\", clientId, clientSecret)");
        }
    }

    @Test
    void anSdkWithoutARedirectUriSaysHowToGiveOne() {
        try (Connections bare = Connections.builder().connector(new OAuthTestConnector(f.service,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, ServiceHttp.Policy.DEFAULT))
                .oauthClient(OAuthTestConnector.ID, "id", "secret").discoverConnectors(false).externalScheduler()
                .build()) {
            assertThatThrownBy(() -> bare.connections().authorize(PAM, OAuthTestConnector.ID, "Acme"))
                    .hasMessageContaining("no OAuth redirect URI").hasMessageContaining("redirectUri(");
        }
    }

    @Test
    void theClientSecretIsNeverShown() {
        assertThat(new OAuthClient("id", FakeOAuthService.CLIENT_SECRET).toString())
                .doesNotContain(FakeOAuthService.CLIENT_SECRET);
    }
}
