package dev.connections.tck;

import dev.connections.api.ConnectionId;
import dev.connections.spi.ConnectorContext;
import java.time.Clock;
import java.util.Map;
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
    private final AtomicLong apiCalls = new AtomicLong();

    /**
     * @param connection the connection the session works for; never null
     * @param settings   every setting, secret ones included; never null, copied
     * @param clock      the clock the connector reads; never null
     */
    public TestConnectorContext(ConnectionId connection, Map<String, String> settings, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.settings = Map.copyOf(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
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
