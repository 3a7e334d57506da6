package dev.connections.quickbooks;

import dev.connections.spi.Connector;
import dev.connections.tck.DeletesContract;
import dev.connections.tck.TestConnectorContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The QuickBooks connector passes the TCK's deletes contract: change data capture reports a deleted customer. */
class QuickBooksDeletesContractTest extends DeletesContract {

    private final QuickBooksFixture qbo = new QuickBooksFixture();
    private final String bill;

    QuickBooksDeletesContractTest() {
        qbo.company.insert("Customer", Map.of("DisplayName", "Amy", "Balance", new BigDecimal("500")));
        bill = qbo.company.insert("Customer", Map.of("DisplayName", "Bill", "Balance", new BigDecimal("900")));
        qbo.company.insert("Customer", Map.of("DisplayName", "Cy", "Balance", new BigDecimal("700")));
    }

    @AfterEach
    void stopFake() {
        qbo.close();
    }

    @Override
    protected Connector connector() {
        return qbo.connector;
    }

    @Override
    protected Map<String, String> settings() {
        return qbo.settings();
    }

    @Override
    protected TestConnectorContext newContext(Map<String, String> settings) {
        return qbo.context(qbo.connection, settings, qbo.tokens);
    }

    @Override
    protected String knownObject() {
        return "Customer";
    }

    @Override
    protected List<String> knownFields() {
        return List.of("Id", "DisplayName", "Balance");
    }

    @Override
    protected List<String> refreshKey() {
        return List.of("Id");
    }

    /** Ten minutes after the full read, past the cursor's overlap; read a minute later. */
    @Override
    protected List<Object> deleteRecord() {
        qbo.clock.advance(Duration.ofMinutes(10));
        qbo.company.delete("Customer", bill);
        qbo.clock.advance(Duration.ofMinutes(1));
        return List.of(bill);
    }
}
