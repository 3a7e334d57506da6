package dev.connections.core;

import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import java.util.Map;

/** A second connector class with the id {@code memory}, as a second jar on the classpath would bring. */
public final class ImpostorConnector implements Connector {

    private final Connector inner = new MemoryConnector("memory", ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT,
            Map.of("acme", MemorySource.orders()));

    @Override
    public ConnectorDescriptor descriptor() {
        return inner.descriptor();
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return inner.open(context);
    }
}
