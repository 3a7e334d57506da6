package dev.connections.examples;

import dev.connections.spi.Connector;
import java.util.ServiceLoader;

/** Connectors as a host's SDK finds them on the classpath: through {@link ServiceLoader}, by service id. */
final class Discovered {

    private Discovered() {
    }

    /** @return the connector of that service found by ServiceLoader; an AssertionError when there is none */
    static Connector connector(String service) {
        return ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.descriptor().id().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("ServiceLoader finds no connector of service " + service));
    }
}
