package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshStatus;
import dev.connections.core.StandaloneHttp;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3: no token or secret in the logs. The tests log everything the SDK logs, at debug, to a file (see
 * {@code simplelogger.properties}); this test runs the whole OAuth life of a connection and scans that file.
 */
class SecretsInLogsTest {

    private static final Path LOG = Path.of("target", "connections-core-tests.log");

    @Test
    void noTokenCodeOrClientSecretIsEverLogged() throws IOException {
        List<String> secrets = new ArrayList<>();
        try (OAuthFixture f = new OAuthFixture()) {
            f.service.rotateRefreshTokens = true;
            AuthorizationRequest request = f.sdk.connections().authorize(PAM, OAuthTestConnector.ID, "Acme");
            Connection c = f.sdk.connections().completeAuthorization(PAM,
                    f.service.approve(request.authorizationUrl(), "realm-1"));
            ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders")
                    .connection(c.id()).object("orders").fields("id", "customer").build());
            f.service.expireAccessTokens();
            f.service.apiFaults.add(FakeOAuthService.json(503, Map.of("error", "unavailable")));
            assertThat(f.sdk.tables().refresh(PAM, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
            f.service.expireAccessTokens();
            f.service.invalidateRefreshTokens();
            assertThat(f.sdk.tables().refresh(PAM, t.id()).status()).isEqualTo(RefreshStatus.FAILED);
            Connection again = f.sdk.connections().completeAuthorization(PAM, f.service.approve(
                    f.sdk.connections().reauthorize(PAM, c.id()).authorizationUrl(), "realm-1"));
            sendWithSecretsInTheUrl(f, again);
            f.sdk.tables().delete(PAM, t.id());
            f.sdk.connections().delete(PAM, c.id());

            secrets.add(FakeOAuthService.CLIENT_SECRET);
            secrets.addAll(f.service.issuedAccessTokens);
            secrets.addAll(f.service.issuedRefreshTokens);
            secrets.addAll(f.service.issuedCodes);
        }

        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(log).contains("POST").contains("/oauth/token").contains("-> 401")
                .contains("access_token=REDACTED");
        assertThat(secrets).hasSizeGreaterThan(8);
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    /** A connector that puts a token in a query parameter: the logged URL hides it. */
    private static void sendWithSecretsInTheUrl(OAuthFixture f, Connection c) {
        String token = f.service.latestAccessToken();
        try (StandaloneHttp support = StandaloneHttp.create(duration -> { }, f.clock)) {
            sendWithSecretsInTheUrl(f, c, token, support.forSession(new dev.connections.tck.TestConnectorContext(
                    c.id(), Map.of(), f.clock), ServiceHttp.Policy.DEFAULT));
        }
    }

    private static void sendWithSecretsInTheUrl(OAuthFixture f, Connection c, String token, ServiceHttp http) {
        try (Response r = http.send(new Request.Builder()
                .url(f.service.base().resolve("/api/me?access_token=" + token + "&client_secret="
                        + FakeOAuthService.CLIENT_SECRET).toString()).build())) {
            assertThat(r.code()).isEqualTo(401);
        } catch (ConnectorException e) {
            throw new AssertionError(e);
        }
    }
}
