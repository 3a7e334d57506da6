package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.FailureKind;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.core.Connections;
import dev.connections.core.internal.SecretBox;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.storage.StoredAuthorization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two SDK instances on one storage, as two hosts behind a load balancer: an authorization started on one completes
 * on the other, once, and what storage holds of it reveals neither the PKCE verifier nor the settings; a grant refused
 * on one and reauthorized on the other works again on the first.
 */
class AuthorizationAcrossInstancesTest {

    private final OAuthFixture f = new OAuthFixture();
    private final Connections other = Connections.builder()
            .connector(new OAuthTestConnector(f.service, ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT,
                    ServiceHttp.Policy.DEFAULT))
            .oauthClient(OAuthTestConnector.ID, FakeOAuthService.CLIENT_ID, FakeOAuthService.CLIENT_SECRET)
            .redirectUri(OAuthFixture.REDIRECT).storage(f.storage).secretKey(f.key).clock(f.clock)
            .discoverConnectors(false).externalScheduler().build();

    @AfterEach
    void tearDown() {
        other.close();
        f.close();
    }

    @Test
    void anAuthorizationStartedOnOneInstanceCompletesOnAnother() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme",
                Map.of("region", "us"));
        Map<String, String> callback = f.service.approve(request.authorizationUrl(), "realm-1");

        Connection c = other.connections().completeAuthorization(PAM, callback);

        assertThat(c.name()).isEqualTo("Acme");
        assertThat(c.settings()).containsEntry("region", "us").containsEntry("account", "realm-1");
        assertThat(f.sdk.connections().get(PAM, c.id()).account()).isEqualTo("realm-1");
        assertThat(f.service.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void aCallbackCompletedOnOneInstanceIsRefusedAsUsedOnTheOther() {
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
        Map<String, String> callback = f.service.approve(request.authorizationUrl(), "realm-1");
        other.connections().completeAuthorization(PAM, callback);

        assertThatThrownBy(() -> f.sdk.connections().completeAuthorization(PAM, callback))
                .hasMessageContaining("unknown or was already completed")
                .hasMessageContaining("any SDK instance that shares the storage")
                .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                        .isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
        assertThat(f.sdk.connections().list(PAM)).hasSize(1);
        assertThat(f.service.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void storageHoldsTheVerifierAndTheSettingsOnlySealed() {
        String setting = "region-that-must-stay-sealed";
        AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme",
                Map.of("region", setting));

        StoredAuthorization stored = f.storage.authorizations().take(request.state()).orElseThrow();
        Map<String, String> opened = new SecretBox(f.key).open(PendingAuthorizations.context(request.state()),
                stored.sealed());
        String verifier = opened.get("verifier");

        assertThat(s256(verifier)).as("the sealed verifier is the one of the URL's challenge")
                .isEqualTo(HttpUrl.get(request.authorizationUrl()).queryParameter("code_challenge"));
        assertThat(opened).containsEntry("setting.region", setting);
        String clear = new String(stored.sealed(), StandardCharsets.ISO_8859_1) + stored.url() + stored.name()
                + stored.service() + stored.owner() + stored;
        assertThat(clear).doesNotContain(verifier).doesNotContain(setting);
    }

    @Test
    void aGrantRefusedOnOneInstanceAndReauthorizedOnTheOtherWorksAgainOnTheFirst() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = other.tables().create(PAM, NewTable.builder().app("sales").name("Orders")
                .connection(c.id()).object("orders").fields("id", "customer").build());
        f.service.expireAccessTokens();
        f.service.invalidateRefreshTokens();
        assertThat(other.tables().refresh(PAM, t.id()).failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(f.sdk.connections().get(PAM, c.id()).status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);

        AuthorizationRequest again = f.sdk.connections().reauthorize(PAM, c.id());
        f.sdk.connections().completeAuthorization(PAM, f.service.approve(again.authorizationUrl(), "realm-1"));

        RefreshRun run = other.tables().refresh(PAM, t.id());
        assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(other.connections().get(PAM, c.id()).status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void aRefusalThatArrivesAfterTheOwnerReauthorizedOnAnotherInstanceLeavesTheConnectionActive() throws Exception {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = other.tables().create(PAM, NewTable.builder().app("sales").name("Orders")
                .connection(c.id()).object("orders").fields("id", "customer").build());
        f.service.expireAccessTokens();
        f.service.invalidateRefreshTokens();
        CountDownLatch gate = new CountDownLatch(1);
        f.service.refreshGate = gate; // the other instance's refresh with the old grant is answered late
        CompletableFuture<RefreshRun> late = other.tables().refreshAsync(PAM, t.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> f.service.refreshRequests.get() == 1);

        AuthorizationRequest again = f.sdk.connections().reauthorize(PAM, c.id());
        f.sdk.connections().completeAuthorization(PAM, f.service.approve(again.authorizationUrl(), "realm-1"));
        gate.countDown();

        assertThat(late.get(10, TimeUnit.SECONDS).failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(f.sdk.connections().get(PAM, c.id()).status()).isEqualTo(ConnectionStatus.ACTIVE);
        f.service.refreshGate = null;
        RefreshRun next = other.tables().refresh(PAM, t.id());
        assertThat(next.status()).as(next.message()).isEqualTo(RefreshStatus.SUCCEEDED);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
