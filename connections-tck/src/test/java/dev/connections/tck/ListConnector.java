package dev.connections.tck;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A connector over one object {@code orders}, written to the letter of the SPI so that the TCK can be checked against
 * it. It applies filters itself (its "service" is a list) and reports deletions: its cursor is the number of records
 * deleted so far, each deletion a new version. Thread-safe; one instance is one source.
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

    private final List<Object[]> records = new ArrayList<>(RECORDS);
    private final List<String> deleted = new ArrayList<>();

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("list", "Fixed list", ConnectorDescriptor.AuthKind.NONE,
                List.of(SettingSpec.secret("token", "Token", "any text"),
                        SettingSpec.optional("page", "Page size", "records per call", "100")),
                Set.of(ConnectorDescriptor.Capability.INCREMENTAL, ConnectorDescriptor.Capability.DELETES,
                        ConnectorDescriptor.Capability.FILTER_PUSHDOWN),
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
    }

    /** @throws ConnectorException CONFIGURATION without a token, or with a page size that is not a number */
    @Override
    public ConnectorSession open(ConnectorContext context) {
        if (context.setting("token").filter(t -> !t.isBlank()).isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The token is missing: set it.");
        }
        String page = context.setting("page").orElse("100");
        if (!page.matches("[1-9][0-9]{0,3}")) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The page size '" + page
                    + "' is not a number from 1 to 9999.");
        }
        return new Session(context);
    }

    /**
     * @param <C>       the connector's type
     * @param connector this connector, or one that wraps it
     * @return it as the suites take it: a working token, and the orders with every field, keyed by id
     */
    static <C extends Connector> ConnectorSubject<C> subject(C connector) {
        return ConnectorSubject.of(connector, Map.of("token", "secret-token"))
                .withKnownObject("orders", FIELDS.stream().map(SourceField::name).toList())
                .withRefreshKey(List.of("id"));
    }

    /** Deletes a record at the "source". */
    synchronized void delete(String id) {
        records.removeIf(r -> r[0].equals(id));
        deleted.add(id);
    }

    private final class Session implements ConnectorSession {
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
            synchronized (ListConnector.this) {
                Cursor now = Cursor.of(Integer.toString(deleted.size()));
                if (request.mode() == ReadMode.INCREMENTAL) {
                    for (String id : deleted.subList(Integer.parseInt(request.cursor().value()), deleted.size())) {
                        sink.deleted(id);
                    }
                    return ReadResult.incremental(now);
                }
                Filter.RowPredicate filter = request.filter().compile(FIELDS);
                List<String> names = FIELDS.stream().map(SourceField::name).toList();
                for (Object[] record : records) {
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
                return ReadResult.full(now);
            }
        }

        @Override
        public void close() {
        }
    }
}
