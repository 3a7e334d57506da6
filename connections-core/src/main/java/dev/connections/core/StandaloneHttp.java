package dev.connections.core;

import dev.connections.core.internal.http.HttpSupport;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.ConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The SDK's HTTP support without an SDK instance, for a connector's own tests and tools that open sessions with a
 * context the engine did not make (the TCK's {@code TestConnectorContext.withHttp} uses it). It behaves as inside the
 * SDK: one shared client that follows no redirect, a budget of concurrent requests per connection, the bearer token
 * of {@code context.oauth()} with one refresh on 401, retries waiting through the given sleeper, and the context's
 * API-call count. Inside the SDK, connectors take {@link ServiceHttp#from(ConnectorContext)} instead. Thread-safe.
 */
public final class StandaloneHttp implements AutoCloseable {

    private final HttpSupport support;

    private StandaloneHttp(HttpSupport support) {
        this.support = support;
    }

    /**
     * @param sleeper how to wait between attempts; a test gives one that records the waits
     * @param clock   the time source of the elapsed-time bound and of Retry-After dates
     * @return HTTP support with a call timeout of 5 minutes; close it when done
     */
    public static StandaloneHttp create(Sleeper sleeper, Clock clock) {
        return new StandaloneHttp(new HttpSupport(Duration.ofMinutes(5), Map.of(),
                Objects.requireNonNull(sleeper, "sleeper"), Objects.requireNonNull(clock, "clock")));
    }

    /**
     * @param context the session's context: its connection names the budget, its OAuth tokens (if any) give the
     *                bearer token, and it counts the API calls
     * @param policy  how to handle the requests, e.g. the connector's own policy
     * @return the HTTP support of one session
     */
    public ServiceHttp forSession(ConnectorContext context, ServiceHttp.Policy policy) {
        return support.forSession(Objects.requireNonNull(context, "context"), Objects.requireNonNull(policy, "policy"));
    }

    /** Closes idle connections and stops the client's threads. */
    @Override
    public void close() {
        support.close();
    }
}
