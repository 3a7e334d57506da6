package dev.connections.quickbooks;

import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Tokens of one connection to a fake company, as the engine would keep them, for tests that open sessions without the
 * engine: a refresh after a 401 asks the fake's token endpoint once (single-flight) and keeps the rotated refresh
 * token. Thread-safe.
 */
final class FakeTokens implements OAuthTokens {

    private static final OkHttpClient HTTP = new OkHttpClient();

    private final FakeQuickBooks fake;
    private String access;
    private String refresh;
    private final AtomicInteger refreshes = new AtomicInteger();

    FakeTokens(FakeQuickBooks fake, String realmId) {
        this.fake = fake;
        FakeQuickBooks.Tokens tokens = fake.issueTokens(realmId);
        this.access = tokens.accessToken();
        this.refresh = tokens.refreshToken();
    }

    @Override
    public synchronized String accessToken() {
        return access;
    }

    @Override
    public synchronized String refreshAfterRejection(String rejected) {
        if (!rejected.equals(access)) {
            return access;
        }
        refreshes.incrementAndGet();
        Request request = new Request.Builder().url(HttpUrl.get(fake.tokenEndpoint()))
                .header("Authorization", Credentials.basic(fake.clientId(), fake.clientSecret()))
                .post(new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", refresh).build())
                .build();
        try (Response response = HTTP.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "refresh refused: " + body);
            }
            access = field(body, "access_token");
            refresh = field(body, "refresh_token");
            return access;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int refreshes() {
        return refreshes.get();
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }

    @Override
    public String toString() {
        return "FakeTokens[redacted]";
    }
}
