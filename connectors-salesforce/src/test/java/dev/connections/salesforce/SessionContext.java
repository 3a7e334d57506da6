package dev.connections.salesforce;

import dev.connections.api.ConnectionId;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthTokens;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * A context as the engine would give it, for tests without the engine: another context's settings, clock and API
 * count, plus OAuth tokens and a {@link TestServiceHttp}. Thread-safe.
 */
final class SessionContext implements ConnectorContext {

    private final ConnectorContext base;
    private final OAuthTokens tokens;
    private final ServiceHttp http;

    SessionContext(ConnectorContext base, OAuthTokens tokens, OkHttpClient client) {
        this.base = base;
        this.tokens = tokens;
        this.http = new TestServiceHttp(client, tokens, this);
    }

    @Override
    public ConnectionId connection() {
        return base.connection();
    }

    @Override
    public Map<String, String> settings() {
        return base.settings();
    }

    @Override
    public Clock clock() {
        return base.clock();
    }

    @Override
    public Optional<OAuthTokens> oauth() {
        return Optional.of(tokens);
    }

    @Override
    public <T> Optional<T> facility(Class<T> type) {
        return type == ServiceHttp.class ? Optional.of(type.cast(http)) : Optional.empty();
    }

    @Override
    public void countApiCall() {
        base.countApiCall();
    }
}
