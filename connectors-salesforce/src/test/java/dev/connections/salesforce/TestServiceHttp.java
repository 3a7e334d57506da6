package dev.connections.salesforce;

import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A small {@link ServiceHttp} for tests that open sessions without the engine: the bearer token, one refresh and one
 * retry on 401, up to three attempts on 503 and 429 (without waiting), and API-call counting. Thread-safe.
 */
final class TestServiceHttp implements ServiceHttp {

    private static final int ATTEMPTS = 3;

    private final OkHttpClient client;
    private final OAuthTokens tokens;
    private final ConnectorContext context;

    TestServiceHttp(OkHttpClient client, OAuthTokens tokens, ConnectorContext context) {
        this.client = client;
        this.tokens = tokens;
        this.context = context;
    }

    @Override
    public Sleeper sleeper() {
        return duration -> { };
    }

    @Override
    public Response send(Request request) {
        String token = tokens.accessToken();
        Response response = attempt(request, token);
        if (response.code() == 401) {
            response.close();
            response = attempt(request, tokens.refreshAfterRejection(token));
        }
        return response;
    }

    private Response attempt(Request request, String token) {
        Request withToken = request.newBuilder().header("Authorization", "Bearer " + token).build();
        for (int attempt = 1; ; attempt++) {
            context.countApiCall();
            Response response;
            try {
                response = client.newCall(withToken).execute();
            } catch (IOException e) {
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Salesforce cannot be reached: "
                        + e, e);
            }
            if ((response.code() != 503 && response.code() != 429) || attempt == ATTEMPTS) {
                return response;
            }
            response.close();
        }
    }
}
