package dev.connections.tck;

import java.util.List;

/** The deletes contract holds for a connector written to the letter of the SPI. */
class ListDeletesContractTest extends DeletesContract {

    private final ListConnector connector = new ListConnector();

    @Override
    protected ConnectorSubject<?> subject() {
        return ListConnector.subject(connector).withKnownObject("orders", List.of("id", "customer", "amount"));
    }

    @Override
    protected List<Object> deleteRecord() {
        connector.delete("o-2");
        return List.of("o-2");
    }
}
