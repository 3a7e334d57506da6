package dev.connections.benchmarks.salesforce;

import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.core.StandaloneHttp;
import dev.connections.fakes.salesforce.FakeSalesforce;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.salesforce.SalesforceConnector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.TestConnectorContext;
import dev.connections.tck.TestTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Full reads through the Salesforce connector and the engine's HTTP support ({@link StandaloneHttp}): the
 * SDK's own work on a read (HTTP, JSON or CSV parsing, typing every value, building rows), without a storage. The sink
 * only counts.
 */
final class ConnectorReads {

    private final FakeSalesforce sf;
    private final FakeSalesforce.IssuedTokens tokens;
    private final SalesforceConnector connector;

    ConnectorReads(FakeSalesforce sf, FakeSalesforce.IssuedTokens tokens) {
        this.sf = sf;
        this.tokens = tokens;
        this.connector = SalesforceConnector.standIn(sf.url());
    }

    /** @return the rows read; through REST query pages, or Bulk API 2.0 when {@code bulk} */
    long read(List<String> fields, boolean bulk) {
        ConnectorContext context = context(Map.of("instance_url", tokens.instanceUrl(),
                "id", tokens.identityUrl(), "bulkThreshold", bulk ? "0" : Long.toString(Long.MAX_VALUE)));
        try (ConnectorSession session = connector.open(context)) {
            SourceSchema schema = session.describe("Account");
            List<SourceField> typed = fields.stream().map(n -> schema.field(n).orElseThrow()).toList();
            long[] rows = {0};
            session.read(new ReadRequest("Account", typed, List.of("Id"), Filter.all(), ReadMode.FULL, null),
                    new RecordSink() {
                        @Override
                        public void accept(Row row) {
                            rows[0] += row.values().length > 0 ? 1 : 0;
                        }

                        @Override
                        public void deleted(Object... key) {
                            throw new IllegalStateException("a full read reports no deletions");
                        }
                    });
            return rows[0];
        }
    }

    /** The SDK's HTTP support outside an SDK instance, shared by every read of the benchmark. */
    private static final StandaloneHttp HTTP = StandaloneHttp.create(Sleeper.SYSTEM, Clock.systemUTC());

    /** A connection's context without the engine: the fake's token (a refusal ends the run), the standalone HTTP. */
    private ConnectorContext context(Map<String, String> settings) {
        TestTokens fixed = TestTokens.of(tokens.accessToken(), () -> {
            throw new IllegalStateException("the benchmark's token was refused");
        });
        return new TestConnectorContext(ConnectionId.random(), settings, Clock.systemUTC()).withOAuth(fixed)
                .withHttp(c -> HTTP.forSession(c, ServiceHttp.Policy.DEFAULT));
    }
}
