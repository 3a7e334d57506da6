package dev.connections.tck;

import dev.connections.api.ConnectionId;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthTokens;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ConnectorContext} for tests: fixed settings, a chosen clock, and a count of the API calls the connector
 * reported. Thread-safe.
 */
public final class TestConnectorContext implements ConnectorContext {

    private final ConnectionId connection;
    private final Map<String, String> settings;
    private final Clock clock;
    private final AtomicLong apiCalls;
    private final OAuthTokens oauth;
    private final Map<Class<?>, Object> facilities;

    /**
     * @param connection the connection the session works for; never null
     * @param settings   every setting, secret ones included; never null, copied
     * @param clock      the clock the connector reads; never null
     */
    public TestConnectorContext(ConnectionId connection, Map<String, String> settings, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.settings = Map.copyOf(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.apiCalls = new AtomicLong();
        this.oauth = null;
        this.facilities = Map.of();
    }

    private TestConnectorContext(TestConnectorContext base, OAuthTokens oauth, Map<Class<?>, Object> facilities) {
        this.connection = base.connection;
        this.settings = base.settings;
        this.clock = base.clock;
        this.apiCalls = base.apiCalls;
        this.oauth = oauth;
        this.facilities = Map.copyOf(facilities);
    }

    /**
     * @param tokens the tokens an OAuth connector's session gets from {@link #oauth()}; never null
     * @return a context like this one (same API-call count) that gives those tokens
     */
    public TestConnectorContext withOAuth(OAuthTokens tokens) {
        return new TestConnectorContext(this, Objects.requireNonNull(tokens, "tokens"), facilities);
    }

    /**
     * @return a context like this one (same API-call count) that gives {@code facility} from {@link #facility},
     *         e.g. the SDK's HTTP support made with {@code StandaloneHttp.create(sleeper, clock).forSession(context, policy)}
     */
    public <T> TestConnectorContext withFacility(Class<T> type, T facility) {
        Map<Class<?>, Object> more = new HashMap<>(facilities);
        more.put(type, type.cast(Objects.requireNonNull(facility, "facility")));
        return new TestConnectorContext(this, oauth, more);
    }

    @Override
    public Optional<OAuthTokens> oauth() {
        return Optional.ofNullable(oauth);
    }

    @Override
    public <T> Optional<T> facility(Class<T> type) {
        return Optional.ofNullable(type.cast(facilities.get(type)));
    }

    /** @return a context with a random connection id and the UTC system clock */
    public static TestConnectorContext of(Map<String, String> settings) {
        return new TestConnectorContext(ConnectionId.random(), settings, Clock.systemUTC());
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
    public void countApiCall() {
        apiCalls.incrementAndGet();
    }

    /** @return how many calls the connector counted so far */
    public long apiCalls() {
        return apiCalls.get();
    }

    /** Shows no setting values, which may be secret. */
    @Override
    public String toString() {
        return "TestConnectorContext[connection=" + connection + ", settings=" + settings.keySet() + "]";
    }
}
