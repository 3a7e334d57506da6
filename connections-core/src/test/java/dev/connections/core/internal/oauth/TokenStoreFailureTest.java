package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.Connection;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 6 when the storage fails: tokens a refresh gave (a rotated refresh token among them, the old one already
 * retired at the service) are not lost when they cannot be stored, and never handed out before they are stored.
 */
class TokenStoreFailureTest {

    private final OAuthFixture f = new OAuthFixture();
    private final HttpSupport http = new HttpSupport(Duration.ofSeconds(10), Map.of(), d -> { }, f.clock);
    private Tokens initial;
    private FlakyVault vault;
    private ConnectionTokens tokens;

    @BeforeEach
    void connect() {
        f.service.rotateRefreshTokens = true;
        Connection c = f.connect(PAM, "Acme", "realm-1");
        initial = Tokens.fromSecrets(f.secrets(c.id()));
        vault = new FlakyVault(initial);
        TokenEndpoint endpoint = new TokenEndpoint(OAuthTestConnector.ID, new OAuthTestConnector(f.service,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, ServiceHttp.Policy.DEFAULT).oauth(Map.of()),
                new OAuthClient(FakeOAuthService.CLIENT_ID, FakeOAuthService.CLIENT_SECRET),
                http.unmetered(ServiceHttp.Policy.DEFAULT), http.unmetered(ServiceHttp.Policy.DEFAULT), List.of(),
                f.clock);
        tokens = new ConnectionTokens(initial, vault, endpoint, f.clock, d -> { });
        f.service.expireAccessTokens();
    }

    @AfterEach
    void tearDown() {
        http.close();
        f.close();
    }

    @Test
    void rotatedTokensWhoseStoreFailedAreKeptAndStoredBeforeTheirFirstUse() {
        vault.failures = 1;

        ConnectorException failed = catchThrowableOfType(ConnectorException.class,
                () -> tokens.refreshAfterRejection(initial.access()));

        assertThat(failed.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(failed.getMessage()).contains("could not be stored").doesNotContain(f.service.latestRefreshToken());
        assertThat(vault.stored).isEqualTo(initial);

        String access = tokens.accessToken();

        assertThat(access).isEqualTo(f.service.latestAccessToken());
        assertThat(vault.stored.refresh()).isEqualTo(f.service.latestRefreshToken()).isNotEqualTo(initial.refresh());
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
    }

    @Test
    void tokensWhoseStoreStillFailsAreNotHandedOut() {
        vault.failures = 2;
        catchThrowableOfType(ConnectorException.class, () -> tokens.refreshAfterRejection(initial.access()));

        ConnectorException again = catchThrowableOfType(ConnectorException.class, tokens::accessToken);

        assertThat(again.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(tokens.accessToken()).isEqualTo(f.service.latestAccessToken());
        assertThat(vault.stored.refresh()).isEqualTo(f.service.latestRefreshToken());
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
    }

    @Test
    void tokensAnotherInstanceStoredMeanwhileWinOverTheUnsavedOnes() {
        vault.failures = 1;
        catchThrowableOfType(ConnectorException.class, () -> tokens.refreshAfterRejection(initial.access()));
        Tokens theirs = new Tokens("at-from-another-instance", "rt-from-another-instance", null);
        vault.stored = theirs;

        assertThat(tokens.accessToken()).isEqualTo("at-from-another-instance");
        assertThat(vault.stored).isEqualTo(theirs);
    }

    @Test
    void aReauthorizationStoredWhileTheTokenWasRefreshedKeepsItsTokens() {
        Tokens reauthorized = new Tokens("at-of-the-reauthorization", "rt-of-the-reauthorization", null);
        vault.beforeSave = () -> vault.stored = reauthorized; // the owner reauthorized while the request was out

        String access = tokens.refreshAfterRejection(initial.access());

        assertThat(access).isEqualTo("at-of-the-reauthorization");
        assertThat(vault.stored).isEqualTo(reauthorized);
        assertThat(tokens.accessToken()).isEqualTo("at-of-the-reauthorization");
        assertThat(f.service.refreshRequests.get()).isEqualTo(1);
    }

    /** Tokens kept in memory, whose next saves fail as a storage that is down. */
    private static final class FlakyVault implements TokenVault {
        volatile Tokens stored;
        volatile int failures;
        /** Runs as a save begins: what another writer stored meanwhile. */
        volatile Runnable beforeSave = () -> { };

        FlakyVault(Tokens stored) {
            this.stored = stored;
        }

        @Override
        public Tokens load() {
            return stored;
        }

        @Override
        public boolean save(Tokens tokens, Tokens from) {
            beforeSave.run();
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("the storage is down");
            }
            if (!Objects.equals(stored.refresh(), from.refresh())) {
                return false;
            }
            stored = tokens;
            return true;
        }

        @Override
        public void refused(String reason, Tokens from) {
            throw new AssertionError("refused: " + reason);
        }
    }
}
