package dev.connections.tck;

import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The connector contract opens every session, the extra ones of some tests included, with a context from
 * {@code newContext}: here a connector that accepts only such contexts passes it, as an OAuth connector whose tokens
 * come from newContext must.
 */
class ConnectorContractOpensEverySessionWithNewContextTest extends ListConnectorContractTest {

    private final Set<ConnectorContext> made = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    protected TestConnectorContext newContext(Map<String, String> settings) {
        TestConnectorContext context = super.newContext(settings);
        made.add(context);
        return context;
    }

    @Override
    protected Connector connector() {
        Connector list = super.connector();
        return new Connector() {
            @Override
            public ConnectorDescriptor descriptor() {
                return list.descriptor();
            }

            @Override
            public ConnectorSession open(ConnectorContext context) {
                if (!made.contains(context)) {
                    throw new AssertionError("a session was opened with a context newContext did not make");
                }
                return list.open(context);
            }
        };
    }
}
