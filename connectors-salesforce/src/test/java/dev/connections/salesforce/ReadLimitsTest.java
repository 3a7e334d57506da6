package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.Filter;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.CollectingSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 12: however large the values an org (or a server posing as one) sends, a read holds at most what the
 * {@link SalesforceLimits} allow, fails with INVALID_DATA naming the limit and where it was passed, and a host can
 * raise the limits for an org that needs more.
 */
class ReadLimitsTest {

    private static final SalesforceLimits SMALL = new SalesforceLimits(64 * 1024, 1_500, 1_000);
    private static final Map<String, String> BULK = Map.of("bulkThreshold", "0");
    private static final Map<String, String> REST = Map.of("bulkThreshold", "1000000");

    private SalesforceFixture f = SalesforceFixture.withAccounts();

    @AfterEach
    void close() {
        f.close();
    }

    private ConnectorException failure(SalesforceConnector connector, Map<String, String> settings,
                                       List<String> fields) {
        try (ConnectorSession s = connector.open(f.context(f.settings(settings)))) {
            return catchThrowableOfType(ConnectorException.class,
                    () -> s.read(Reads.full(s, "Account", fields, Filter.all()), new CollectingSink()));
        }
    }

    @Test
    void aBulkValueLongerThanTheDefaultLimitFailsTheReadBeforeItIsHeldWhole() {
        f.fake.insert("Account", Map.of("Name", "Huge", "Description", "x".repeat((8 << 20) + 1)));

        ConnectorException e = failure(f.standIn(d -> { }, SalesforceLimits.DEFAULT), BULK, List.of("Id", "Description"));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.INVALID_DATA);
        assertThat(e.getMessage()).contains("a value larger than the limit of 8,388,608 characters",
                "reading Account, Bulk results page 1, record 5", "withMaxValueChars");
        assertThat(e.location()).isEqualTo("reading Account, Bulk results page 1, record 5");
    }

    @Test
    void aBulkRecordLongerThanTheLimitFailsEvenWhenEachValueFits() {
        f.fake.insert("Account", Map.of("Name", "n".repeat(800), "Description", "d".repeat(800)));

        ConnectorException e = failure(f.standIn(d -> { }, SMALL), BULK,
                List.of("Id", "Name", "Description"));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.INVALID_DATA);
        assertThat(e.getMessage()).contains("a record larger than the limit of 1,500 characters",
                "withMaxCsvLineChars");
    }

    @Test
    void aCompoundValueLargerThanTheLimitFailsTheRestRead() {
        Map<String, Object> address = new HashMap<>();
        address.put("street", "s".repeat(2_000));
        f.fake.insert("Account", Map.of("Name", "Far away", "BillingAddress", address));

        ConnectorException e = failure(f.standIn(d -> { }, SMALL), REST,
                List.of("Id", "BillingAddress"));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.INVALID_DATA);
        assertThat(e.getMessage()).contains("a value larger than the limit of 1,000 bytes",
                "the compound value at $.records[4].BillingAddress");
    }

    @Test
    void aGzippedQueryPageIsMeasuredAfterDecompression() {
        f.close();
        f = new SalesforceFixture(b -> b.gzip(true));
        f.addAccounts();
        f.fake.generate("Account", 1_500, i -> Map.of("Name", "Generated account number " + i));

        ConnectorException e = failure(f.standIn(d -> { }, SMALL), REST, List.of("Id", "Name"));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.INVALID_DATA);
        assertThat(e.getMessage()).contains("an answer larger than the limit of 64 KiB",
                "withMaxJsonAnswerBytes");
    }

    @Test
    void aHostThatRaisesTheLimitsReadsWhatTheDefaultsWouldRefuse() {
        f.fake.insert("Account", Map.of("Name", "n".repeat(800), "Description", "d".repeat(800)));
        SalesforceConnector raised = f.standIn(d -> { }, SMALL.withMaxCsvLineChars(2_000));

        try (ConnectorSession s = raised.open(f.context(f.settings(BULK)))) {
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", List.of("Id", "Name", "Description"), Filter.all()), sink);

            assertThat(sink.rows()).hasSize(5);
        }
    }
}
