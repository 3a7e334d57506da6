package dev.connections.spi;

/**
 * Where a read delivers records, as it reads them. Provided by the engine; called only on the thread that called
 * {@link ConnectorSession#read}. A sink may throw (for example a {@link ConnectorException} INVALID_DATA for a
 * duplicate refresh key); the connector lets it propagate.
 */
public interface RecordSink {

    /**
     * A record that exists in the source now (new, changed, or, in a full read, any record).
     *
     * @param row the record, aligned with the request's fields
     */
    void accept(Row row);

    /**
     * A record the source deleted, named by its refresh key values in key order. Only incremental reads of
     * connectors with {@link ConnectorDescriptor.Capability#DELETES} report deletions.
     *
     * @param key the values of the request's refresh key fields, in key order; none null
     */
    void deleted(Object... key);
}
