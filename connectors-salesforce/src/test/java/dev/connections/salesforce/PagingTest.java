package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.CollectingSink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A query larger than a page is read through every nextRecordsUrl, each record once. */
class PagingTest {

    private final SalesforceFixture f = new SalesforceFixture(b -> b.pageSize(3));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void everyPageIsReadThroughNextRecordsUrl() {
        f.addAccounts();
        for (int i = 0; i < 7; i++) {
            f.fake.insert("Account", Map.of("Name", "Extra " + i));
        }
        try (ConnectorSession s = f.open()) {
            f.fake.resetCounters();
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", List.of("Id", "Name"), Filter.all()), sink);

            assertThat(sink.rows()).hasSize(11);
            assertThat(sink.records(List.of("Id", "Name"))).extracting(r -> r.get("Id")).doesNotHaveDuplicates();
            assertThat(f.fake.requests("/services/data/v62.0/query")).isEqualTo(2);
            assertThat(f.fake.requestsByPath().keySet().stream().filter(p -> p.startsWith(
                    "/services/data/v62.0/query/01g"))).hasSize(3);
        }
    }

    @Test
    void aGeneratedObjectOfManyPagesStreamsInOrder() {
        f.close();
        try (SalesforceFixture big = new SalesforceFixture(b -> b.pageSize(2000))) {
            big.addAccounts();
            big.fake.generate("Account", 10_001, i -> Map.of("Name", "Generated " + i));
            try (ConnectorSession s = big.open(Map.of("bulkThreshold", "1000000"))) {
                long[] count = {0};
                s.read(Reads.full(s, "Account", List.of("Id", "Name"), Filter.all()),
                        new RecordSink() {
                            @Override
                            public void accept(Row row) {
                                count[0]++;
                            }

                            @Override
                            public void deleted(Object... key) {
                                throw new AssertionError("a full read reports no deletions");
                            }
                        });

                assertThat(count[0]).isEqualTo(10_005);
            }
        }
    }
}
