package dev.connections.core.internal.http;
import dev.connections.api.ConnectionId;
import dev.connections.http.HttpPolicyProvider;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import okhttp3.OkHttpClient;

/**
 * The HTTP support of one SDK instance: one OkHttpClient (connect timeout 10 s, read timeout 60 s, a call timeout the
 * host chooses, no redirects followed), a budget of concurrent requests per connection shared by all its sessions, and the request policy
 * of each service. The SDK makes and closes it; connectors never see it, they get a {@link ServiceHttp} from their
 * context. Thread-safe.
 */
public final class HttpSupport implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final OkHttpClient client;
    private final Map<String, ServiceHttp.Policy> policies;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ConcurrentMap<ConnectionId, Semaphore> budgets = new ConcurrentHashMap<>();

    /**
     * @param callTimeout the longest a request may take, reading the whole response included; zero for no limit
     * @param policies    policies the host chose, by service id; they win over a connector's own
     * @param sleeper     how to wait between attempts
     * @param clock       the time source of the elapsed-time bound and of Retry-After dates
     */
    public HttpSupport(Duration callTimeout, Map<String, ServiceHttp.Policy> policies, Sleeper sleeper, Clock clock) {
        // a followed redirect would carry the request (a token request's client secret, a bearer token) to a
        // host the service names: RetryingServiceHttp turns every 3xx into a failure instead
        this.client = new OkHttpClient.Builder().connectTimeout(CONNECT_TIMEOUT).readTimeout(READ_TIMEOUT)
                .callTimeout(callTimeout).followRedirects(false).followSslRedirects(false)
                .eventListener(SendMark.LISTENER).build();
        this.policies = Map.copyOf(policies);
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the host's policy for the connector's service (with the connector's correlation headers when it names
     *         none: which headers identify a request is the connector's knowledge), else the connector's own, else the
     *         default
     */
    public ServiceHttp.Policy policy(Connector connector) {
        ServiceHttp.Policy own = connector instanceof HttpPolicyProvider provider
                ? Objects.requireNonNull(provider.httpPolicy(), "the connector's httpPolicy()") : null;
        ServiceHttp.Policy chosen = policies.get(connector.descriptor().id());
        if (chosen != null) {
            return own == null || !chosen.correlationHeaders().isEmpty() ? chosen
                    : chosen.withCorrelationHeaders(own.correlationHeaders());
        }
        return own != null ? own : ServiceHttp.Policy.DEFAULT;
    }

    /**
     * @param context the session's context: its connection names the budget, its OAuth tokens (if any) give the
     *                bearer token, and it counts the API calls
     * @param policy  the policy of the connection's service
     * @return the HTTP support of one session
     */
    public ServiceHttp forSession(ConnectorContext context, ServiceHttp.Policy policy) {
        Semaphore budget = budgets.computeIfAbsent(context.connection(),
                id -> new Semaphore(policy.maxConcurrentPerConnection(), true));
        return new RetryingServiceHttp(client, policy, budget, context.oauth().orElse(null), context::countApiCall,
                sleeper, clock);
    }

    /** @return how this instance waits: between attempts of a request, and for another's token refresh */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * @return HTTP support for the engine's own calls (OAuth token and revocation endpoints): retries and logging,
     *         but no budget, no bearer token and no API-call count
     */
    public ServiceHttp unmetered(ServiceHttp.Policy policy) {
        return new RetryingServiceHttp(client, policy, null, null, () -> { }, sleeper, clock);
    }

    /**
     * @param callLimit the longest one attempt may take, reading the whole response included; the host's call timeout
     *                  wins when it is shorter
     * @return {@link #unmetered(ServiceHttp.Policy)} HTTP support whose attempts end within {@code callLimit}
     */
    public ServiceHttp unmetered(ServiceHttp.Policy policy, Duration callLimit) {
        long hostMillis = client.callTimeoutMillis();
        OkHttpClient limited = hostMillis > 0 && hostMillis <= callLimit.toMillis() ? client
                : client.newBuilder().callTimeout(callLimit).build();
        return new RetryingServiceHttp(limited, policy, null, null, () -> { }, sleeper, clock);
    }

    /** Drops the budget of a deleted connection. */
    public void forget(ConnectionId connection) {
        budgets.remove(connection);
    }

    /** Closes idle connections and stops the client's threads. */
    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
