package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.FailureKind;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthSpec;
import dev.connections.tck.ClockMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 6: OAuth tokens are handled once. {@code TokenRefreshTest} runs these cases with a clock that stands
 * still between moves and with one that ticks on every read.
 */
abstract class TokenRefreshCases {

    private final ClockMode mode;
    private OAuthFixture f;

    TokenRefreshCases(ClockMode mode) {
        this.mode = mode;
        this.f = new OAuthFixture(mode);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ConnectedTable table(Connection c, String name) {
        return f.sdk.tables().create(PAM, NewTable.builder().app("sales").name(name).connection(c.id())
                .object("orders").fields("id", "customer").build());
    }

    @Test
    void aRejectedTokenIsRefreshedOnceAndTheRequestRetriedOnce() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.service.expireAccessTokens();

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(run.counts().added()).isEqualTo(2);
        assertThat(run.apiCalls()).isEqualTo(2);
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
        assertThat(f.service.rejectedTokens.get()).isEqualTo(1);
        assertThat(f.secrets(c.id())).containsEntry(Tokens.ACCESS, f.service.latestAccessToken());
    }

    @Test
    void aSecondRejectionIsLeftToTheConnectorWithoutAnotherRefresh() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.service.apiFaults.add(FakeOAuthService.json(401, java.util.Map.of("error", "invalid_token")));
        f.service.apiFaults.add(FakeOAuthService.json(401, java.util.Map.of("error", "invalid_token")));

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(run.apiCalls()).isEqualTo(2);
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
    }

    @Test
    void aTokenKnownToHaveExpiredIsRefreshedBeforeTheRequest() {
        f.service.expiresIn = 3600;
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.clock.advance(Duration.ofMinutes(59).plusSeconds(30));

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(run.apiCalls()).isEqualTo(1);
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
        assertThat(f.service.rejectedTokens.get()).isZero();
        assertThat(Instant.parse(f.secrets(c.id()).get(Tokens.EXPIRES_AT)))
                .isBetween(run.startedAt().plus(Duration.ofHours(1)), run.finishedAt().plus(Duration.ofHours(1)));
    }

    @Test
    void fiftyConcurrentRefreshesOnAConnectionWithAnExpiredTokenMakeOneTokenRequest() throws Exception {
        f.close();
        f = new OAuthFixture(mode, OAuthSpec.ClientAuthentication.FORM, OAuthSpec.RevocationBody.FORM,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, b -> b.refreshThreads(50)
                .httpPolicy(OAuthTestConnector.ID, ServiceHttp.Policy.DEFAULT.withMaxConcurrentPerConnection(50)));
        Connection c = f.connect(PAM, "Acme", "realm-1");
        List<ConnectedTable> tables = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tables.add(table(c, "Orders " + i));
        }
        f.service.expireAccessTokens();
        CountDownLatch allRejected = new CountDownLatch(1);
        f.service.refreshGate = allRejected;

        List<CompletableFuture<RefreshRun>> runs = new ArrayList<>();
        for (ConnectedTable t : tables) {
            runs.add(f.sdk.tables().refreshAsync(PAM, t.id()));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> f.service.rejectedTokens.get() == 50);
        allRejected.countDown();

        for (CompletableFuture<RefreshRun> run : runs) {
            assertThat(run.get(30, TimeUnit.SECONDS).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        }
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
        assertThat(f.service.rejectedTokens.get()).isEqualTo(50);
    }

    @Test
    void aRotatedRefreshTokenIsStoredBeforeTheNewAccessTokenIsUsed() {
        f.service.rotateRefreshTokens = true;
        Connection c = f.connect(PAM, "Acme", "realm-1");
        String first = f.service.latestRefreshToken();
        ConnectedTable t = table(c, "Orders");
        f.service.expireAccessTokens();
        AtomicReference<String> storedWhenUsed = new AtomicReference<>();
        f.service.onAcceptedToken = token -> storedWhenUsed.compareAndSet(null,
                f.secrets(c.id()).get(Tokens.REFRESH));

        assertThat(f.sdk.tables().refresh(PAM, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);

        assertThat(f.service.latestRefreshToken()).isNotEqualTo(first);
        assertThat(storedWhenUsed.get()).isEqualTo(f.service.latestRefreshToken());
    }

    @Test
    void theNextRefreshUsesTheRotatedRefreshToken() {
        f.service.rotateRefreshTokens = true;
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        for (int i = 0; i < 3; i++) {
            f.service.expireAccessTokens();
            assertThat(f.sdk.tables().refresh(PAM, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        }

        assertThat(f.service.refreshRequests.get()).isEqualTo(3);
        assertThat(f.secrets(c.id())).containsEntry(Tokens.REFRESH, f.service.latestRefreshToken());
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsNotSentAgainSoARotatingRefreshTokenIsNotBurnt() {
        f.service.rotateRefreshTokens = true;
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.service.expireAccessTokens();
        f.service.loseNextTokenAnswer.set(true);

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(run.message()).contains("not sent again");
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
        assertThat(f.sdk.connections().get(PAM, c.id()).status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void aRefusedRefreshTokenMarksTheConnectionForReauthorizationAndTellsTheHost() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.service.expireAccessTokens();
        f.service.invalidateRefreshTokens();

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(run.message()).contains("invalid_grant").contains("reauthorize the connection");
        assertThat(f.sdk.connections().get(PAM, c.id()).status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
        assertThat(f.events).filteredOn(ConnectionsEvent.ConnectionStatusChanged.class::isInstance)
                .map(ConnectionsEvent.ConnectionStatusChanged.class::cast)
                .singleElement().satisfies(e -> {
                    assertThat(e.connection()).isEqualTo(c.id());
                    assertThat(e.from()).isEqualTo(ConnectionStatus.ACTIVE);
                    assertThat(e.to()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
                    assertThat(e.reason()).contains("reauthorize the connection");
                });
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
    }

    @Test
    void aConnectionTestAlsoRefreshesAndKeepsTheNewTokens() {
        f.service.rotateRefreshTokens = true;
        Connection c = f.connect(PAM, "Acme", "realm-1");
        f.service.expireAccessTokens();

        assertThat(f.sdk.connections().test(PAM, c.id()).ok()).isTrue();

        assertThat(f.secrets(c.id())).containsEntry(Tokens.REFRESH, f.service.latestRefreshToken())
                .containsEntry(Tokens.ACCESS, f.service.latestAccessToken());
    }

    @Test
    void aTransientFailureIsRetriedWithABackoffWait() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.service.apiFaults.add(FakeOAuthService.json(503, java.util.Map.of("error", "unavailable")));

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(run.apiCalls()).isEqualTo(2);
        assertThat(f.waits).singleElement().satisfies(w -> assertThat(w).isBetween(Duration.ZERO,
                Duration.ofMillis(500)));
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsTheServiceAsks() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = table(c, "Orders");
        f.service.apiFaults.add(new mockwebserver3.MockResponse.Builder().code(429).setHeader("Retry-After", "3")
                .build());

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(f.waits).containsExactly(Duration.ofSeconds(3));
    }
}
