package dev.connections.tck;

import dev.connections.spi.Connector;
import java.util.List;
import java.util.Map;

/** The filter pushdown contract holds, with its default filters, for a connector that filters to the letter. */
class ListFilterPushdownContractTest extends FilterPushdownContract {

    @Override
    protected Connector connector() {
        return new ListConnector();
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
        return List.of("id", "customer", "amount", "placed", "paid", "lines");
    }
}
