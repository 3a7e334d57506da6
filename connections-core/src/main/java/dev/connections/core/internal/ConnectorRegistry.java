package dev.connections.core.internal;

import dev.connections.api.ConnectionsException;
import dev.connections.spi.Connector;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors an SDK instance knows, by service id. Explicit registrations win over discovered ones; two
 * discovered (or two explicit) connectors with one id are an error naming both classes. Immutable once built.
 */
public final class ConnectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, Connector> byId;

    private ConnectorRegistry(Map<String, Connector> byId) {
        this.byId = Map.copyOf(byId);
    }

    /**
     * @param explicit    connectors the host registered, in order
     * @param discover    whether to look for more with {@link ServiceLoader}
     * @param classLoader where to look
     */
    public static ConnectorRegistry build(List<Connector> explicit, boolean discover, ClassLoader classLoader) {
        Map<String, Connector> chosen = new LinkedHashMap<>();
        for (Connector c : explicit) {
            put(chosen, c, "registered");
        }
        if (discover) {
            Map<String, Connector> found = new LinkedHashMap<>();
            for (Connector c : discovered(classLoader)) {
                put(found, c, "found on the classpath");
            }
            found.forEach((id, c) -> {
                Connector mine = chosen.get(id);
                if (mine == null) {
                    chosen.put(id, c);
                } else if (mine.getClass() != c.getClass()) {
                    LOG.info("Connector '{}': using registered {} instead of discovered {}", id,
                            mine.getClass().getName(), c.getClass().getName());
                }
            });
        }
        return new ConnectorRegistry(new TreeMap<>(chosen));
    }

    private static void put(Map<String, Connector> into, Connector c, String how) {
        String id = c.descriptor().id();
        Connector other = into.putIfAbsent(id, c);
        if (other != null && other.getClass() != c.getClass()) {
            throw new IllegalStateException("Two connectors " + how + " have the id '" + id + "': "
                    + other.getClass().getName() + " and " + c.getClass().getName()
                    + ". Remove one jar from the classpath, or register the one you want explicitly.");
        }
    }

    private static List<Connector> discovered(ClassLoader classLoader) {
        List<Connector> result = new java.util.ArrayList<>();
        Iterator<Connector> it = ServiceLoader.load(Connector.class, classLoader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                result.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("Skipped a connector that could not be loaded: {}", e.getMessage());
            }
        }
        return result;
    }

    /** @throws ConnectionsException INVALID_INPUT naming the known services */
    public Connector get(String service) {
        Connector c = byId.get(service);
        if (c == null) {
            throw ConnectionsException.invalid("Unknown service '" + service + "'. Known services: "
                    + byId.keySet() + ". Add the connector's jar to the classpath or register it with the builder.");
        }
        return c;
    }

    public Collection<Connector> all() {
        return byId.values();
    }
}
