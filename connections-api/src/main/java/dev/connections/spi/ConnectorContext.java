package dev.connections.spi;

import dev.connections.api.ConnectionId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine gives a session: the connection's settings and credentials and shared facilities.
 * Implementations are provided by the engine and are thread-safe.
 */
public interface ConnectorContext {

    /** @return the connection this session works for; never null */
    ConnectionId connection();

    /** @return every setting of the connection, secret ones included, defaults applied; never null */
    Map<String, String> settings();

    /**
     * @param key a setting's key
     * @return its value, or empty when neither set nor defaulted
     */
    default Optional<String> setting(String key) {
        return Optional.ofNullable(settings().get(key));
    }

    /** @return the clock to read the time from; never null */
    Clock clock();

    /**
     * @return the connection's OAuth tokens; empty for a connector whose auth kind is NONE
     */
    default Optional<OAuthTokens> oauth() {
        return Optional.empty();
    }

    /**
     * A facility the engine offers beyond this interface, e.g. the HTTP support of {@code connections-core}
     * ({@code dev.connections.http.ServiceHttp}): one shared client, a concurrency budget per connection,
     * retries and API-call counting.
     *
     * @param <T>  the facility's type
     * @param type the facility's type
     * @return the facility, or empty when this engine has none of that type
     */
    default <T> Optional<T> facility(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Counts one call to the service; the count ends up in the refresh history. Connectors that make HTTP calls
     * through the engine's HTTP support need not call it themselves.
     */
    void countApiCall();
}
