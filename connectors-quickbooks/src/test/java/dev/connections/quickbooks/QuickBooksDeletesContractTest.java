package dev.connections.quickbooks;

import dev.connections.tck.ConnectorSubject;
import dev.connections.tck.DeletesContract;
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
    protected ConnectorSubject<?> subject() {
        return qbo.subject();
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
