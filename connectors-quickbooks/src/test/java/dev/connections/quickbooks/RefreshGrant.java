package dev.connections.quickbooks;

import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The next access token of a connection to a fake company, from the fake's token endpoint with the refresh token
 * grant, keeping the rotated refresh token: what the engine's refresh does, for {@code TestTokens.of(first, grant)} in
 * tests that open sessions without the engine. Called under the tokens' lock; synchronized besides.
 */
final class RefreshGrant implements Supplier<String> {

    private static final OkHttpClient HTTP = new OkHttpClient();

    private final FakeQuickBooks fake;
    private String refresh;

    /** @param refreshToken the refresh token issued with the first access token */
    RefreshGrant(FakeQuickBooks fake, String refreshToken) {
        this.fake = fake;
        this.refresh = refreshToken;
    }

    /** @throws ConnectorException AUTHENTICATION when the fake refuses the refresh token */
    @Override
    public synchronized String get() {
        Request request = new Request.Builder().url(HttpUrl.get(fake.tokenEndpoint()))
                .header("Authorization", Credentials.basic(fake.clientId(), fake.clientSecret()))
                .post(new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", refresh).build())
                .build();
        try (Response response = HTTP.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "refresh refused: " + body);
            }
            refresh = field(body, "refresh_token");
            return field(body, "access_token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    @Override
    public String toString() {
        return "RefreshGrant[redacted]";
    }
}
