package dev.connections.core.internal;

import dev.connections.api.ConnectionId;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.storage.StoredConnection;
import java.time.Clock;
import java.util.Map;
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

    public static Opened open(Engine engine, StoredConnection connection) {
        Connector connector = engine.connectors().get(connection.service());
        AtomicLong calls = new AtomicLong();
        Context context = new Context(connection.id(), engine.allSettings(connection, connector), engine.clock(),
                calls);
        return new Opened(connector.open(context), calls);
    }

    private record Context(ConnectionId connection, Map<String, String> settings, Clock clock, AtomicLong calls)
            implements ConnectorContext {

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
