package dev.connections.salesforce;

import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import java.util.List;

/** Read requests for tests, with the field types describe() gives. */
final class Reads {

    private Reads() {
    }

    static List<SourceField> fields(ConnectorSession session, String object, List<String> names) {
        SourceSchema schema = session.describe(object);
        return names.stream().map(n -> schema.field(n).orElseThrow()).toList();
    }

    static ReadRequest full(ConnectorSession session, String object, List<String> names, Filter filter) {
        return new ReadRequest(object, fields(session, object, names), List.of("Id"), filter, ReadMode.FULL,
                null);
    }

    static ReadRequest incremental(ConnectorSession session, String object, List<String> names, Filter filter,
                                   Cursor cursor) {
        return new ReadRequest(object, fields(session, object, names), List.of("Id"), filter,
                ReadMode.INCREMENTAL, cursor);
    }
}
