package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.JIM;
import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ConnectionsException;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthSpec;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reauthorization keeps a connection and its tables; one active connection per account where the service says so. */
class ReauthorizationTest {

    private OAuthFixture f = new OAuthFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Connection reauthorize(dev.connections.api.Principal owner, Connection c, String account) {
        AuthorizationRequest request = f.sdk.connections().reauthorize(owner, c.id());
        assertThat(request.connection()).isEqualTo(c.id());
        return f.sdk.connections().completeAuthorization(owner, f.service.approve(request.authorizationUrl(), account));
    }

    private ConnectionStatus status(Connection c) {
        return f.stored(c.id()).status();
    }

    @Test
    void reauthorizingKeepsTheIdNameAndTablesAndMakesTheConnectionActive() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders")
                .connection(c.id()).object("orders").fields("id", "customer").build());
        f.service.expireAccessTokens();
        f.service.invalidateRefreshTokens();
        assertThat(f.sdk.tables().refresh(PAM, t.id()).status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(status(c)).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);

        Connection again = reauthorize(PAM, c, "realm-1");

        assertThat(again.id()).isEqualTo(c.id());
        assertThat(again.name()).isEqualTo("Acme");
        assertThat(again.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(again.tables()).extracting(Connection.TableRef::id).containsExactly(t.id());
        assertThat(f.sdk.connections().list(PAM)).hasSize(1);
        assertThat(f.secrets(c.id())).containsEntry(Tokens.REFRESH, f.service.latestRefreshToken());
        assertThat(f.events).filteredOn(ConnectionsEvent.ConnectionStatusChanged.class::isInstance)
                .map(e -> ((ConnectionsEvent.ConnectionStatusChanged) e).to())
                .containsExactly(ConnectionStatus.NEEDS_REAUTHORIZATION, ConnectionStatus.ACTIVE);
        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());
        assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
    }

    @Test
    void onlyTheOwnerCanReauthorize() {
        Connection c = f.connect(PAM, "Acme", "realm-1");

        assertThatThrownBy(() -> f.sdk.connections().reauthorize(JIM, c.id()))
                .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                        .isEqualTo(ConnectionsException.Reason.NOT_FOUND));
    }

    @Test
    void aConnectionWithoutOAuthCannotBeReauthorized() {
        Connection folder = f.sdk.connections().create(PAM, NewConnection.of("folder", "Exports")
                .set("folder", "/srv/exports"));

        assertThatThrownBy(() -> f.sdk.connections().reauthorize(PAM, folder.id()))
                .hasMessageContaining("reauthorize exists only for OAuth connections")
                .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                        .isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
    }

    @Test
    void reauthorizingSignedInToAnotherAccountIsRefusedAndChangesNothing() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        String refresh = f.secrets(c.id()).get(Tokens.REFRESH);

        assertThatThrownBy(() -> reauthorize(PAM, c, "realm-2"))
                .hasMessageContaining("signed in to the account").hasMessageContaining("reaches realm-1");

        assertThat(f.secrets(c.id())).containsEntry(Tokens.REFRESH, refresh);
        assertThat(f.service.revoked).containsExactly(f.service.latestRefreshToken());
    }

    @Test
    void aNewConnectionToAnAccountSupersedesTheOthersWhereTheServiceAllowsOne() {
        useOneActivePerAccount();
        Connection pams = f.connect(PAM, "Company A", "realm-1");
        Connection other = f.connect(PAM, "Company B", "realm-2");

        Connection jims = f.connect(JIM, "Jim's Company A", "realm-1");

        assertThat(jims.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(status(pams)).isEqualTo(ConnectionStatus.SUPERSEDED);
        assertThat(f.stored(pams.id()).statusReason()).contains("Jim's Company A").contains("jim");
        assertThat(status(other)).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(f.events).filteredOn(ConnectionsEvent.ConnectionStatusChanged.class::isInstance)
                .map(ConnectionsEvent.ConnectionStatusChanged.class::cast).singleElement()
                .satisfies(e -> {
                    assertThat(e.connection()).isEqualTo(pams.id());
                    assertThat(e.to()).isEqualTo(ConnectionStatus.SUPERSEDED);
                });
    }

    @Test
    void reauthorizingASupersededConnectionMakesItActiveAndSupersedesTheOther() {
        useOneActivePerAccount();
        Connection pams = f.connect(PAM, "Company A", "realm-1");
        Connection jims = f.connect(JIM, "Jim's Company A", "realm-1");

        Connection again = reauthorize(PAM, pams, "realm-1");

        assertThat(again.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(status(jims)).isEqualTo(ConnectionStatus.SUPERSEDED);
        assertThat(f.stored(jims.id()).statusReason()).contains("Company A").contains("pam");
    }

    private void useOneActivePerAccount() {
        f.close();
        f = new OAuthFixture(OAuthSpec.ClientAuthentication.BASIC, OAuthSpec.RevocationBody.JSON,
                ConnectorDescriptor.AccountPolicy.ONE_ACTIVE_PER_ACCOUNT, UnaryOperator.identity());
    }
}
