package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.CollectingSink;
import dev.connections.tck.TestConnectorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** QuickBooks allows 10 concurrent requests per company and app: the connector never sends more. */
class CompanyLimitTest {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void close() {
        qbo.close();
    }

    @Test
    void readsOfManyTablesOnTwoConnectionsToOneCompanyNeverHaveMoreThanTenRequestsInFlight() throws Exception {
        for (int i = 0; i < 30; i++) {
            qbo.company.insert("Customer", Map.of("DisplayName", "Customer " + i));
        }
        qbo.fake.latency(Duration.ofMillis(40));
        ConnectionId older = ConnectionId.random();
        ConnectionId newer = ConnectionId.random();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                ConnectionId connection = i % 2 == 0 ? older : newer;
                reads.add(pool.submit(() -> {
                    TestConnectorContext context = qbo.context(connection, qbo.settings(), qbo.tokens);
                    CollectingSink sink = new CollectingSink();
                    try (ConnectorSession session = qbo.connector.open(context)) {
                        session.read(qbo.full("Customer", Filter.all(), "Id"), sink);
                    }
                    return sink.rows().size();
                }));
            }
            for (Future<Integer> read : reads) {
                assertThat(read.get()).isEqualTo(30);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(qbo.fake.apiRequests()).isEqualTo(48);
        assertThat(qbo.fake.maxInFlight()).isBetween(2, CompanyLimits.CONCURRENT_PER_COMPANY);
    }
}
