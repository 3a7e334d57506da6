package dev.connections.quickbooks;

import dev.connections.api.ConnectionId;
import dev.connections.core.StandaloneHttp;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthTokens;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ConnectorContext} like the one the engine makes: settings, clock, the connection's OAuth tokens and the
 * core's HTTP support (budget, bearer token, refresh on 401, retries through the test's sleeper, API-call count).
 * Thread-safe.
 */
final class EngineLikeContext implements ConnectorContext {

    private final ConnectionId connection;
    private final Map<String, String> settings;
    private final Clock clock;
    private final OAuthTokens tokens;
    private final ServiceHttp http;
    private final AtomicLong apiCalls = new AtomicLong();

    EngineLikeContext(ConnectionId connection, Map<String, String> settings, Clock clock, OAuthTokens tokens,
                      StandaloneHttp support) {
        this.connection = connection;
        this.settings = Map.copyOf(settings);
        this.clock = clock;
        this.tokens = tokens;
        this.http = support.forSession(this, QuickBooksConnector.POLICY);
    }

    @Override
    public ConnectionId connection() {
        return connection;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
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
        apiCalls.incrementAndGet();
    }

    long apiCalls() {
        return apiCalls.get();
    }

    @Override
    public String toString() {
        return "EngineLikeContext[connection=" + connection + ", settings=" + settings.keySet() + "]";
    }
}
