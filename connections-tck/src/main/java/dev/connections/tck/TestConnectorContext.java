package dev.connections.tck;

import dev.connections.api.ConnectionId;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.OAuthTokens;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link ConnectorContext} for tests, as the engine would make it: fixed settings, a chosen clock, a count of the
 * API calls the connector reported, and, when given, OAuth tokens and the SDK's HTTP support. A connector's tests open
 * sessions with it instead of writing a context of their own:
 *
 * <pre>{@code
 * StandaloneHttp http = StandaloneHttp.create(waits::add, clock);      // connections-core, test scope
 * TestTokens tokens = TestTokens.of(fake.issueAccessToken(), fake::issueAccessToken);
 * ConnectorContext context = new TestConnectorContext(ConnectionId.random(), settings, clock)
 *         .withOAuth(tokens)
 *         .withHttp(c -> http.forSession(c, MyConnector.POLICY));
 * }</pre>
 *
 * <p>Immutable but for the API-call count; thread-safe.
 */
public final class TestConnectorContext implements ConnectorContext {

    private final ConnectionId connection;
    private final Map<String, String> settings;
    private final Clock clock;
    private final AtomicLong apiCalls;
    private final OAuthTokens oauth;
    private final Map<Class<?>, Object> facilities;
    private final Function<? super ConnectorContext, ? extends ServiceHttp> httpFactory;
    private ServiceHttp http;

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
        this.httpFactory = null;
    }

    private TestConnectorContext(TestConnectorContext base, OAuthTokens oauth, Map<Class<?>, Object> facilities,
                                 Function<? super ConnectorContext, ? extends ServiceHttp> httpFactory) {
        this.connection = base.connection;
        this.settings = base.settings;
        this.clock = base.clock;
        this.apiCalls = base.apiCalls;
        this.oauth = oauth;
        this.facilities = Map.copyOf(facilities);
        this.httpFactory = httpFactory;
    }

    /**
     * @param settings every setting, secret ones included; never null, copied
     * @return a context with a random connection id and the UTC system clock
     */
    public static TestConnectorContext of(Map<String, String> settings) {
        return new TestConnectorContext(ConnectionId.random(), settings, Clock.systemUTC());
    }

    /**
     * @param tokens the tokens an OAuth connector's session gets from {@link #oauth()}, e.g. {@link TestTokens};
     *               never null
     * @return a context like this one (same API-call count) that gives those tokens
     */
    public TestConnectorContext withOAuth(OAuthTokens tokens) {
        return new TestConnectorContext(this, Objects.requireNonNull(tokens, "tokens"), facilities, httpFactory);
    }

    /**
     * Gives a session the SDK's HTTP support, which {@code ServiceHttp.from(context)} finds. The support is made for
     * the context that offers it, since it takes the bearer token from the context's {@link #oauth()}, names its
     * budget by the context's {@link #connection()} and counts calls in its {@link #apiCalls()}: connector tests pass
     * {@code c -> StandaloneHttp.create(sleeper, clock).forSession(c, policy)} ({@code connections-core}, in test
     * scope). The order of {@code withHttp} and {@link #withOAuth} does not matter.
     *
     * @param http makes the HTTP support of one context; called at most once per context, on first use; never null
     * @return a context like this one (same API-call count) that gives that support
     */
    public TestConnectorContext withHttp(Function<? super ConnectorContext, ? extends ServiceHttp> http) {
        return new TestConnectorContext(this, oauth, facilities, Objects.requireNonNull(http, "http"));
    }

    /**
     * @param <T>      the facility's type
     * @param type     what a connector asks {@link #facility} for
     * @param facility what it gets; never null
     * @return a context like this one (same API-call count) that gives {@code facility} from {@link #facility}; for
     *         the HTTP support, prefer {@link #withHttp}, which makes it for the context that offers it
     */
    public <T> TestConnectorContext withFacility(Class<T> type, T facility) {
        Map<Class<?>, Object> more = new HashMap<>(facilities);
        more.put(type, type.cast(Objects.requireNonNull(facility, "facility")));
        return new TestConnectorContext(this, oauth, more, httpFactory);
    }

    @Override
    public Optional<OAuthTokens> oauth() {
        return Optional.ofNullable(oauth);
    }

    @Override
    public <T> Optional<T> facility(Class<T> type) {
        if (type == ServiceHttp.class && httpFactory != null) {
            return Optional.of(type.cast(http()));
        }
        return Optional.ofNullable(type.cast(facilities.get(type)));
    }

    private synchronized ServiceHttp http() {
        if (http == null) {
            http = Objects.requireNonNull(httpFactory.apply(this), "the HTTP support made for the context");
        }
        return http;
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

    /** @return how many calls were counted so far: by the connector, or for it by the HTTP support */
    public long apiCalls() {
        return apiCalls.get();
    }

    /** Shows no setting values, which may be secret. */
    @Override
    public String toString() {
        return "TestConnectorContext[connection=" + connection + ", settings=" + settings.keySet() + "]";
    }
}
