package dev.connections.spi;

import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import java.util.List;

/**
 * One connection, open for one operation. Opened by {@link Connector#open}, used by one thread at a time, closed
 * by the engine when the operation ends. Every method may throw {@link ConnectorException}; messages are written
 * for the person who owns the connection.
 */
public interface ConnectorSession extends AutoCloseable {

    /**
     * Checks that the connection works: credentials valid, the service's requirements met (API access, admin
     * rights, a readable folder).
     *
     * @return the account the connection reaches; never null
     */
    Account test();

    /** @return the objects a table can take, in a stable order; never null */
    List<SourceObject> objects();

    /**
     * @param object an object name from {@link #objects()}
     * @return its fields
     * @throws ConnectorException NOT_FOUND when there is no such object
     */
    SourceSchema describe(String object);

    /**
     * Streams the records of one object into a sink. Records go to the sink as they are read; a connector never
     * collects a whole object in memory. The engine, not the connector, decides when what was read is committed.
     *
     * @param request what to read: object, fields and their types, filter, FULL or INCREMENTAL from a cursor
     * @param sink    where records and deletions go; called on this thread only
     * @return how the read was done and the cursor to continue from; never null
     */
    ReadResult read(ReadRequest request, RecordSink sink);

    /** Releases what the session holds. Never throws a checked exception. */
    @Override
    void close();
}
