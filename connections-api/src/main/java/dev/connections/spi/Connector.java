package dev.connections.spi;

/**
 * A kind of external service: the entry point of a connector plugin. Found by {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/dev.connections.spi.Connector}) or registered explicitly with the
 * builder. It needs a public no-argument constructor for discovery.
 *
 * <p>Implementations MUST be thread-safe: one instance serves every connection of its service. State that belongs
 * to one connection lives in the {@link ConnectorSession}.
 */
public interface Connector {

    /** @return what the connector is and needs; the same value on every call */
    ConnectorDescriptor descriptor();

    /**
     * Opens a session on one connection. Cheap: no network or file access should happen before the first call on
     * the session. The engine opens one session per operation (a test, a discovery, a refresh) and closes it after.
     *
     * @param context the connection's settings and credentials, and the engine's shared facilities; never null
     * @return a session; never null
     * @throws ConnectorException CONFIGURATION when the settings cannot work
     */
    ConnectorSession open(ConnectorContext context);
}
