package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.Filter;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.CollectingSink;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 12: an answer of QuickBooks (or of a server posing as it) larger than the connector's limit is not read
 * into memory; the read fails with INVALID_DATA naming the limit, how the host raises it, and the intuit_tid.
 */
class AnswerLimitTest {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void close() {
        qbo.close();
    }

    @Test
    void anAnswerLargerThanTheLimitFailsTheReadNamingTheLimitAndTheIntuitTid() {
        for (int i = 1; i <= 200; i++) {
            qbo.company.insert("Customer", Map.of("DisplayName", "Customer number " + i));
        }
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = new QuickBooksConnector(16 * 1024, qbo.base()).open(qbo.context())) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> session.read(
                    qbo.full("Customer", Filter.all(), "Id", "DisplayName"), sink));

            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.INVALID_DATA);
            assertThat(e.getMessage()).contains("larger than the limit of 16 KiB", "reading Customer",
                    "QuickBooksConnector.withMaxAnswerBytes", "intuit_tid 1-");
        }
    }

    @Test
    void theSameAnswerIsReadWithinTheDefaultLimit() {
        for (int i = 1; i <= 200; i++) {
            qbo.company.insert("Customer", Map.of("DisplayName", "Customer number " + i));
        }
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.full("Customer", Filter.all(), "Id", "DisplayName"), sink);
        }

        assertThat(sink.rows()).hasSize(200);
    }
}
