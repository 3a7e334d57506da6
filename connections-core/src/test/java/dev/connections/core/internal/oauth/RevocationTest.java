package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Connection;
import dev.connections.api.ConnectionDeletion;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthSpec;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Deleting an OAuth connection revokes its tokens at the service, best effort. */
class RevocationTest {

    @Test
    void deletingAConnectionRevokesItsRefreshTokenWithAForm() {
        try (OAuthFixture f = new OAuthFixture()) {
            Connection c = f.connect(PAM, "Acme", "realm-1");
            String refresh = f.service.latestRefreshToken();

            ConnectionDeletion deletion = f.sdk.connections().delete(PAM, c.id());

            assertThat(f.service.revoked).containsExactly(refresh);
            assertThat(deletion.revocation()).isEqualTo(ConnectionDeletion.Revocation.REVOKED);
            assertThat(f.sdk.connections().list(PAM)).isEmpty();
        }
    }

    @Test
    void aServiceThatWantsJsonAndBasicAuthenticationGetsThem() {
        try (OAuthFixture f = new OAuthFixture(OAuthSpec.ClientAuthentication.BASIC, OAuthSpec.RevocationBody.JSON,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, UnaryOperator.identity())) {
            Connection c = f.connect(PAM, "Acme", "realm-1");
            String refresh = f.service.latestRefreshToken();

            f.sdk.connections().delete(PAM, c.id());

            assertThat(f.service.revoked).containsExactly(refresh);
        }
    }

    @Test
    void aFailedRevocationDoesNotUndoTheDeletion() {
        try (OAuthFixture f = new OAuthFixture()) {
            Connection c = f.connect(PAM, "Acme", "realm-1");
            f.service.revocationStatus = 503;

            ConnectionDeletion deletion = f.sdk.connections().delete(PAM, c.id());

            assertThat(deletion.revocation()).isEqualTo(ConnectionDeletion.Revocation.FAILED);
            assertThat(deletion.message()).contains("stay valid until they expire");
            assertThat(f.sdk.connections().list(PAM)).isEmpty();
            assertThat(f.service.revoked).isEmpty();
        }
    }
}
