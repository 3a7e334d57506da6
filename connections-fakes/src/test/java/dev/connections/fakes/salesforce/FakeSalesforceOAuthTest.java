package dev.connections.fakes.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's login host: authorize redirect, code exchange with PKCE, refresh with and without rotation, revoke. */
class FakeSalesforceOAuthTest {

    private static final String REDIRECT = "http://localhost:9/callback";
    private static final String VERIFIER = "a-verifier-of-at-least-forty-three-characters-0123456789";

    private final FakeSalesforce fake = FakeSalesforce.start();
    private final Client client = new Client(fake);

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    @Test
    void authorizeRedirectsBackWithACodeAndTheState() {
        HttpUrl back = authorize("xyz");

        assertThat(back.toString()).startsWith(REDIRECT + "?code=");
        assertThat(back.queryParameter("state")).isEqualTo("xyz");
    }

    @Test
    void theCodeIsExchangedWithItsVerifierForSalesforcesTokenResponse() throws Exception {
        Map<String, Object> tokens = exchange(authorize("s").queryParameter("code"), VERIFIER).object();

        assertThat(tokens).containsKeys("access_token", "refresh_token", "signature", "issued_at")
                .containsEntry("instance_url", fake.url()).containsEntry("token_type", "Bearer")
                .containsEntry("scope", "api refresh_token")
                .containsEntry("id", fake.url() + "/id/" + fake.orgId() + "/005000000000001AAA")
                .doesNotContainKey("expires_in");
        assertThat((String) tokens.get("issued_at")).matches("\\d{13}");
        assertThat(fake.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aWrongVerifierOrAReusedCodeIsAnInvalidGrant() {
        String code = authorize("s").queryParameter("code");

        Client.Answer wrong = exchange(code, VERIFIER + "x");
        Client.Answer reused = exchange(code, VERIFIER);

        assertThat(wrong.code()).isEqualTo(400);
        assertThat(wrong.object()).containsEntry("error", "invalid_grant");
        assertThat(reused.object()).containsEntry("error", "invalid_grant");
    }

    @Test
    void aWrongClientSecretIsAnInvalidClient() {
        Client.Answer a = client.postForm("/services/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", fake.issueTokens().refreshToken(), "client_id", fake.clientId(),
                "client_secret", "nope"));

        assertThat(a.object()).containsEntry("error", "invalid_client");
    }

    @Test
    void aRefreshGivesANewAccessTokenAndNoRefreshToken() {
        FakeSalesforce.IssuedTokens issued = fake.issueTokens();
        fake.faults().expireAccessTokens();

        Map<String, Object> refreshed = refresh(issued.refreshToken()).object();

        assertThat(refreshed).containsKey("access_token").doesNotContainKey("refresh_token");
        assertThat(refresh(issued.refreshToken()).code()).isEqualTo(200);
    }

    @Test
    void withRotationEachRefreshGivesANewRefreshTokenAndTheOldStopsWorking() {
        FakeSalesforce.IssuedTokens issued = fake.issueTokens();
        fake.faults().rotateRefreshTokens(true);

        Map<String, Object> first = refresh(issued.refreshToken()).object();

        assertThat(first).containsKey("refresh_token");
        assertThat(refresh(issued.refreshToken()).object()).containsEntry("error", "invalid_grant");
        assertThat(refresh((String) first.get("refresh_token")).code()).isEqualTo(200);
    }

    @Test
    void aRevokedRefreshTokenAndItsAccessTokensStopWorking() {
        FakeSalesforce.IssuedTokens issued = fake.issueTokens();

        assertThat(client.postForm("/services/oauth2/revoke", Map.of("token", issued.refreshToken())).code())
                .isEqualTo(200);
        assertThat(refresh(issued.refreshToken()).object()).containsEntry("error", "invalid_grant");
        assertThat(client.withToken(issued.accessToken()).api("/sobjects").code()).isEqualTo(401);
    }

    @Test
    void invalidGrantOnRefreshIsSwitchable() {
        fake.faults().invalidGrantOnRefresh(true);

        Client.Answer a = refresh(fake.issueTokens().refreshToken());

        assertThat(a.code()).isEqualTo(400);
        assertThat(a.object()).containsEntry("error", "invalid_grant")
                .containsEntry("error_description", "expired access/refresh token");
    }

    @Test
    void aDeniedAuthorizationRedirectsBackWithAccessDenied() {
        fake.faults().denyNextAuthorization();

        HttpUrl back = authorize("s");

        assertThat(back.queryParameter("error")).isEqualTo("access_denied");
        assertThat(back.queryParameter("state")).isEqualTo("s");
    }

    private HttpUrl authorize(String state) {
        Client.Answer a = client.get("/services/oauth2/authorize?response_type=code&client_id=" + fake.clientId()
                + "&redirect_uri=" + REDIRECT + "&scope=api%20refresh_token&state=" + state
                + "&code_challenge=" + challenge(VERIFIER) + "&code_challenge_method=S256");
        assertThat(a.code()).isEqualTo(302);
        return HttpUrl.get(a.headers().get("Location"));
    }

    private Client.Answer exchange(String code, String verifier) {
        return client.postForm("/services/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "client_id", fake.clientId(), "client_secret", fake.clientSecret(), "redirect_uri", REDIRECT,
                "code_verifier", verifier));
    }

    private Client.Answer refresh(String refreshToken) {
        return client.postForm("/services/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token",
                refreshToken, "client_id", fake.clientId(), "client_secret", fake.clientSecret()));
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
