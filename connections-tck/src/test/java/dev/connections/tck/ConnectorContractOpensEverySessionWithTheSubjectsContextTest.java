package dev.connections.tck;

import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The connector contract opens every session, the extra ones of some tests included, with a context from the subject's
 * {@link ConnectorSubject#newContext}: here a connector that accepts only such contexts passes it, as an OAuth
 * connector whose tokens come from the subject's contexts must.
 */
class ConnectorContractOpensEverySessionWithTheSubjectsContextTest extends ListConnectorContractTest {

    private final Set<ConnectorContext> made = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    protected ConnectorSubject<?> subject() {
        ConnectorSubject<?> list = super.subject();
        Connector onlyMadeContexts = new Connector() {
            @Override
            public ConnectorDescriptor descriptor() {
                return list.connector().descriptor();
            }

            @Override
            public ConnectorSession open(ConnectorContext context) {
                if (!made.contains(context)) {
                    throw new AssertionError("a session was opened with a context the subject did not make");
                }
                return list.connector().open(context);
            }
        };
        return list.withConnector(onlyMadeContexts).withContexts(settings -> {
            TestConnectorContext context = list.newContext(settings);
            made.add(context);
            return context;
        });
    }
}
