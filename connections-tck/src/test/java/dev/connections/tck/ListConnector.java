package dev.connections.tck;

import dev.connections.api.ReadMode;
import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.SourceField;
import dev.connections.api.Values;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.SettingSpec;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A connector over one fixed, unchanging object {@code orders}, written to the letter of the SPI so that the TCK
 * can be checked against it. Its cursor is the object's version, which never changes.
 */
final class ListConnector implements Connector {

    static final List<SourceField> FIELDS = List.of(
            new SourceField("id", "Order id", FieldType.TEXT, false, true),
            SourceField.of("customer", FieldType.TEXT),
            SourceField.of("amount", FieldType.DECIMAL),
            SourceField.of("placed", FieldType.DATE),
            SourceField.of("paid", FieldType.BOOLEAN),
            SourceField.of("lines", FieldType.INTEGER));

    static final List<Object[]> RECORDS = List.of(
            new Object[] {"o-1", "Ann", new BigDecimal("120.50"), LocalDate.of(2024, 3, 1), true, 3L},
            new Object[] {"o-2", "Bob", new BigDecimal("80"), LocalDate.of(2024, 3, 2), false, 1L},
            new Object[] {"o-3", null, null, null, null, null},
            new Object[] {"o-4", "O'Brien", new BigDecimal("-5.25"), LocalDate.of(2023, 12, 31), true, 12L});

    private static final String VERSION = "v1";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("list", "Fixed list", ConnectorDescriptor.AuthKind.NONE,
                List.of(SettingSpec.secret("token", "Token", "any text"),
                        SettingSpec.optional("page", "Page size", "records per call", "100")),
                Set.of(ConnectorDescriptor.Capability.INCREMENTAL), ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new Session(context);
    }

    private static final class Session implements ConnectorSession {
        private final ConnectorContext context;

        Session(ConnectorContext context) {
            this.context = context;
        }

        @Override
        public Account test() {
            context.countApiCall();
            return new Account("list-account", "The list");
        }

        @Override
        public List<SourceObject> objects() {
            return List.of(new SourceObject("orders", "Orders"), new SourceObject("empty", "Nothing"));
        }

        @Override
        public SourceSchema describe(String object) {
            if (!object.equals("orders")) {
                throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "there is no object " + object);
            }
            return new SourceSchema(object, FIELDS, List.of("id"));
        }

        @Override
        public ReadResult read(ReadRequest request, RecordSink sink) {
            describe(request.object());
            if (request.mode() == ReadMode.INCREMENTAL && request.cursor().value().equals(VERSION)) {
                return ReadResult.incremental(Cursor.of(VERSION));
            }
            Filter.RowPredicate filter = request.filter().compile(FIELDS);
            List<String> names = FIELDS.stream().map(SourceField::name).toList();
            for (Object[] record : RECORDS) {
                if (filter.test(record)) {
                    Object[] row = new Object[request.fields().size()];
                    for (int i = 0; i < row.length; i++) {
                        Object value = record[names.indexOf(request.fields().get(i).name())];
                        boolean asText = request.fields().get(i).type() == FieldType.TEXT;
                        row[i] = asText && value != null ? Values.format(value) : value;
                    }
                    sink.accept(Row.of(row));
                }
            }
            return ReadResult.full(Cursor.of(VERSION));
        }

        @Override
        public void close() {
        }
    }
}
