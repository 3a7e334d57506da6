package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.CollectingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Full reads above the threshold go through Bulk API 2.0 and stream its CSV results page by page. */
class BulkReadTest {

    private final SalesforceFixture f = new SalesforceFixture(b -> b.bulkPollsUntilComplete(3));

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aLargeObjectIsReadThroughEveryResultsPage() {
        f.addAccounts();
        f.fake.generate("Account", 100_001, i -> Map.of("Name", "Generated " + i, "NumberOfEmployees", i));
        List<Duration> pauses = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (ConnectorSession s = f.standIn(pauses::add, SalesforceLimits.DEFAULT).open(f.context(f.settings()))) {
            ReadResult result = s.read(Reads.full(s, "Account", List.of("Id", "Name", "NumberOfEmployees"),
                    Filter.all()), new RecordSink() {
                        @Override
                        public void accept(Row row) {
                            ids.add((String) row.get(0));
                        }

                        @Override
                        public void deleted(Object... key) {
                            throw new AssertionError("no deletions in a full read");
                        }
                    });

            assertThat(ids).hasSize(100_005);
            assertThat(result.next()).isNotNull();
        }
        assertThat(f.fake.requestsByPath().entrySet()).filteredOn(e -> e.getKey().endsWith("/results"))
                .singleElement().extracting(Map.Entry::getValue).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void theCountAndTheJobCarryThePushedDownFilter() {
        f.addAccounts();
        try (ConnectorSession s = f.open(Map.of("bulkThreshold", "1"))) {
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", List.of("Id", "Name", "AnnualRevenue"),
                    Filter.field("AnnualRevenue").greaterThan(100)), sink);

            assertThat(sink.records(List.of("Id", "Name"))).extracting(r -> r.get("Name"))
                    .containsExactlyInAnyOrder("Acme", "Globex");
        }
        assertThat(f.fake.soql()).containsSubsequence(
                "SELECT COUNT() FROM Account WHERE AnnualRevenue > 100",
                "SELECT Id, Name, AnnualRevenue, SystemModstamp FROM Account WHERE AnnualRevenue > 100");
        assertThat(f.fake.requests("/services/data/v62.0/jobs/query")).isEqualTo(1);
    }

    @Test
    void aSmallObjectIsReadThroughRestQueries() {
        f.addAccounts();
        try (ConnectorSession s = f.open(Map.of("bulkThreshold", "4"))) {
            s.read(Reads.full(s, "Account", List.of("Id", "Name"), Filter.all()), new CollectingSink());
        }
        assertThat(f.fake.requests("/services/data/v62.0/jobs/query")).isZero();
        assertThat(f.fake.requests("/services/data/v62.0/query")).isEqualTo(2);
    }

    @Test
    void compoundFieldsKeepALargeReadOnRest() {
        f.addAccounts();
        try (ConnectorSession s = f.open(Map.of("bulkThreshold", "0"))) {
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", List.of("Id", "BillingAddress"), Filter.all()), sink);

            assertThat(sink.rows()).hasSize(4);
        }
        assertThat(f.fake.requests("/services/data/v62.0/jobs/query")).isZero();
        assertThat(f.fake.soql()).noneMatch(q -> q.contains("COUNT()"));
    }
}
