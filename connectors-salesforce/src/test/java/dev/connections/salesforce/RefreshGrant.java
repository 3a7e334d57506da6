package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.fakes.salesforce.FakeSalesforce;
import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The next access token of a connection to the fake Salesforce, from the fake's token endpoint with the refresh token
 * grant, keeping a rotated refresh token: what the engine's refresh does, for {@code TestTokens.of(first, grant)} in
 * tests that open sessions without the engine. Called under the tokens' lock; synchronized besides.
 */
final class RefreshGrant implements Supplier<String> {

    private final FakeSalesforce fake;
    private final OkHttpClient client;
    private String refresh;

    /** @param refreshToken the refresh token issued with the first access token */
    RefreshGrant(FakeSalesforce fake, OkHttpClient client, String refreshToken) {
        this.fake = fake;
        this.client = client;
        this.refresh = refreshToken;
    }

    /** @throws ConnectorException AUTHENTICATION when the fake refuses the refresh token */
    @Override
    public synchronized String get() {
        Request request = new Request.Builder().url(fake.url() + "/services/oauth2/token").post(new FormBody.Builder()
                .add("grant_type", "refresh_token").add("refresh_token", refresh)
                .add("client_id", fake.clientId()).add("client_secret", fake.clientSecret()).build()).build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The refresh token was refused "
                        + "(HTTP " + response.code() + "): reauthorize the connection.");
            }
            String access = null;
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

    @Override
    public String toString() {
        return "RefreshGrant[redacted]";
    }
}
