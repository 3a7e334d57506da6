package dev.connections.core;

import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A connector over a {@link MemorySource}, for testing the engine with a source the test controls. */
final class MemoryConnector implements Connector {

    static final String TOKEN = "tok-3f9a-very-secret";

    private final String id;
    private final ConnectorDescriptor.AccountPolicy policy;
    private final Map<String, MemorySource> accounts;

    MemoryConnector(String id, ConnectorDescriptor.AccountPolicy policy, Map<String, MemorySource> accounts) {
        this.id = id;
        this.policy = policy;
        this.accounts = accounts;
    }

    MemoryConnector(MemorySource source) {
        this("memory", ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, Map.of("acme", source));
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(id, "In-memory test service", ConnectorDescriptor.AuthKind.NONE,
                List.of(SettingSpec.required("account", "Account", "which account to reach"),
                        SettingSpec.secret("token", "Token", "the API token")),
                Set.of(ConnectorDescriptor.Capability.INCREMENTAL, ConnectorDescriptor.Capability.DELETES), policy);
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new Session(context);
    }

    private final class Session implements ConnectorSession {
        private final ConnectorContext context;

        Session(ConnectorContext context) {
            this.context = context;
        }

        private MemorySource source() {
            if (!TOKEN.equals(context.settings().get("token"))) {
                throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION,
                        "The token was refused: reauthorize the connection.");
            }
            String account = context.settings().get("account");
            MemorySource source = accounts.get(account);
            if (source == null) {
                throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "No account " + account + ".");
            }
            return source;
        }

        @Override
        public Account test() {
            MemorySource s = source();
            RuntimeException fail = s.failNextTest.getAndSet(null);
            if (fail != null) {
                throw fail;
            }
            return new Account(context.settings().get("account"), "Account " + context.settings().get("account"));
        }

        @Override
        public List<SourceObject> objects() {
            return source().objects().stream().map(o -> new SourceObject(o, o)).toList();
        }

        @Override
        public SourceSchema describe(String object) {
            List<SourceField> fields = source().schema(object);
            if (fields == null) {
                throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "There is no object '" + object + "'.");
            }
            return new SourceSchema(object, fields, List.of(fields.get(0).name()));
        }

        @Override
        public ReadResult read(ReadRequest request, RecordSink sink) {
            MemorySource s = source();
            s.reads++;
            if (s.gate != null) {
                s.readStarted.countDown();
                try {
                    s.gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "interrupted", e);
                }
            }
            context.countApiCall();
            List<SourceField> schema = describe(request.object()).fields();
            int[] positions = request.fields().stream().mapToInt(f -> indexOf(schema, f.name())).toArray();
            boolean incremental = request.mode() == ReadMode.INCREMENTAL;
            long since = incremental ? Long.parseLong(request.cursor().value()) : 0;
            long until = s.version();
            Filter.RowPredicate filter = request.filter().compile(request.fields());
            RuntimeException fail = s.failNextRead.getAndSet(null);
            int n = 0;
            for (MemorySource.Version v : s.changedSince(request.object(), since)) {
                if (fail != null && ++n == 2) {
                    throw fail;
                }
                Object[] values = new Object[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    values[i] = v.values()[positions[i]];
                }
                if (incremental || filter.test(values)) {
                    sink.accept(Row.of(values));
                }
            }
            if (fail != null) {
                throw fail;
            }
            if (incremental) {
                for (Object deleted : s.deletedSince(request.object(), since)) {
                    sink.deleted(deleted);
                }
            }
            Cursor next = Cursor.of(Long.toString(until));
            return incremental ? ReadResult.incremental(next) : ReadResult.full(next);
        }

        private int indexOf(List<SourceField> schema, String name) {
            for (int i = 0; i < schema.size(); i++) {
                if (schema.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "There is no field '" + name + "'.");
        }

        @Override
        public void close() {
        }
    }
}
