package dev.connections.core.internal;

import dev.connections.api.ConnectionId;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthTokens;
import dev.connections.spi.storage.StoredConnection;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Opens connector sessions on stored connections. */
public final class Sessions {

    private Sessions() {
    }

    /** A session and the count of API calls it made. The caller closes it. */
    public static final class Opened implements AutoCloseable {
        private final ConnectorSession session;
        private final AtomicLong calls;

        Opened(ConnectorSession session, AtomicLong calls) {
            this.session = session;
            this.calls = calls;
        }

        public ConnectorSession session() {
            return session;
        }

        public long apiCalls() {
            return calls.get();
        }

        @Override
        public void close() {
            session.close();
        }
    }

    /** Opens a session on a stored connection; an OAuth connection's session shares the connection's tokens. */
    public static Opened open(Shared shared, StoredConnection connection) {
        Connector connector = shared.connectors().get(connection.service());
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        OAuthTokens tokens = oauth == null ? null : shared.oauth().tokens(connection.id(), oauth,
                () -> shared.secrets().open(connection.id().value(), connection.secrets()),
                () -> oauth.oauth(ConnectionSettings.plainWithDefaults(connector.descriptor(), connection.settings())));
        return open(shared, connection, tokens);
    }

    /**
     * Opens a session on a connection that may not be stored yet (an authorization being completed).
     *
     * @param tokens the connection's OAuth tokens; null for a connector without OAuth
     */
    public static Opened open(Shared shared, StoredConnection connection, OAuthTokens tokens) {
        Connector connector = shared.connectors().get(connection.service());
        AtomicLong calls = new AtomicLong();
        Map<String, String> settings = ConnectionSettings.forSession(connector.descriptor(), connection.settings(),
                shared.secrets().open(connection.id().value(), connection.secrets()));
        Context context = new Context(connection.id(), settings, shared.clock(), calls, tokens, shared.http(),
                shared.http().policy(connector));
        return new Opened(connector.open(context), calls);
    }

    /** The context of one session; its {@link ServiceHttp} is made on first use. */
    private static final class Context implements ConnectorContext {
        private final ConnectionId connection;
        private final Map<String, String> settings;
        private final Clock clock;
        private final AtomicLong calls;
        private final OAuthTokens tokens;
        private final HttpSupport support;
        private final ServiceHttp.Policy policy;
        private ServiceHttp http;

        Context(ConnectionId connection, Map<String, String> settings, Clock clock, AtomicLong calls,
                OAuthTokens tokens, HttpSupport support, ServiceHttp.Policy policy) {
            this.connection = connection;
            this.settings = Map.copyOf(settings);
            this.clock = clock;
            this.calls = calls;
            this.tokens = tokens;
            this.support = support;
            this.policy = policy;
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
            return Optional.ofNullable(tokens);
        }

        @Override
        public <T> Optional<T> facility(Class<T> type) {
            if (type == ServiceHttp.class) {
                return Optional.of(type.cast(http()));
            }
            return Optional.empty();
        }

        private synchronized ServiceHttp http() {
            if (http == null) {
                http = support.forSession(this, policy);
            }
            return http;
        }

        @Override
        public void countApiCall() {
            calls.incrementAndGet();
        }

        @Override
        public String toString() {
            return "ConnectorContext[connection=" + connection + ", settings=" + settings.keySet() + "]";
        }
    }
}
