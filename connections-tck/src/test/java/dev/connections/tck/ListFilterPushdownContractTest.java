package dev.connections.tck;

/** The filter pushdown contract holds, with its default filters, for a connector that filters to the letter. */
class ListFilterPushdownContractTest extends FilterPushdownContract {

    @Override
    protected ConnectorSubject<?> subject() {
        return ListConnector.subject(new ListConnector());
    }
}
