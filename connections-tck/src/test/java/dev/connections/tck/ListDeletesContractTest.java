package dev.connections.tck;

import dev.connections.spi.Connector;
import java.util.List;
import java.util.Map;

/** The deletes contract holds for a connector written to the letter of the SPI. */
class ListDeletesContractTest extends DeletesContract {

    private final ListConnector connector = new ListConnector();

    @Override
    protected Connector connector() {
        return connector;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", "secret-token");
    }

    @Override
    protected String knownObject() {
        return "orders";
    }

    @Override
    protected List<String> knownFields() {
        return List.of("id", "customer", "amount");
    }

    @Override
    protected List<String> refreshKey() {
        return List.of("id");
    }

    @Override
    protected List<Object> deleteRecord() {
        connector.delete("o-2");
        return List.of("o-2");
    }
}
