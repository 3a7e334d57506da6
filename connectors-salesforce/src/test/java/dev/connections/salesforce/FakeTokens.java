package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.fakes.salesforce.FakeSalesforce;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The tokens of one connection for tests that open sessions without the engine: refreshes against the fake's token
 * endpoint, once for all callers (single-flight), keeping a rotated refresh token. Thread-safe.
 */
final class FakeTokens implements OAuthTokens {

    private final FakeSalesforce fake;
    private final OkHttpClient client;
    private final AtomicInteger refreshes = new AtomicInteger();
    private String access;
    private String refresh;

    FakeTokens(FakeSalesforce fake, OkHttpClient client) {
        this.fake = fake;
        this.client = client;
        FakeSalesforce.IssuedTokens issued = fake.issueTokens();
        this.access = issued.accessToken();
        this.refresh = issued.refreshToken();
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
        Request request = new Request.Builder().url(fake.url() + "/services/oauth2/token").post(new FormBody.Builder()
                .add("grant_type", "refresh_token").add("refresh_token", refresh)
                .add("client_id", fake.clientId()).add("client_secret", fake.clientSecret()).build()).build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The refresh token was refused "
                        + "(HTTP " + response.code() + "): reauthorize the connection.");
            }
            JsonReader in = JsonReader.of(response.body().source());
            in.beginObject();
            while (in.hasNext()) {
                switch (in.nextName()) {
                    case "access_token" -> access = in.nextString();
                    case "refresh_token" -> refresh = in.nextString();
                    default -> in.skipValue();
                }
            }
            return access;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int refreshes() {
        return refreshes.get();
    }
}
