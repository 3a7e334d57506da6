package dev.connections.quickbooks;

import dev.connections.tck.FilterPushdownContract;
import dev.connections.tck.ConnectorSubject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The QuickBooks connector passes the TCK's filter pushdown contract on customers of varied values: what it writes
 * into QuickBooks's query never drops a record the filter matches. It leaves to the engine what the query cannot say
 * (OR, IS EMPTY, !=), so its filtered reads may deliver more.
 */
class QuickBooksPushdownContractTest extends FilterPushdownContract {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    QuickBooksPushdownContractTest() {
        customer("Amy's \\ Bird Sanctuary", true, "239.00", "2025-12-01", "USD", "Bayshore");
        customer("Bill's Windsurf Shop", true, "85.00", null, "USD", null);
        customer("Cool Cars", false, "0", "2026-01-15", "CAD", "Half Moon Bay");
        customer("diego rodriguez", true, "1140.50", null, null, "Palo Alto");
    }

    private void customer(String name, boolean active, String balance, String openDate, String currency,
                          String city) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("DisplayName", name);
        json.put("Active", active);
        json.put("Balance", new BigDecimal(balance));
        if (openDate != null) {
            json.put("OpenBalanceDate", openDate);
        }
        if (currency != null) {
            json.put("CurrencyRef", Map.of("value", currency));
        }
        if (city != null) {
            json.put("BillAddr", Map.of("Line1", "1 Main St", "City", city));
        }
        qbo.company.insert("Customer", json);
        qbo.clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stopFake() {
        qbo.close();
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return qbo.subject().withKnownObject("Customer", List.of("Id", "DisplayName", "Active", "Balance",
                "OpenBalanceDate", "CurrencyRef.value", "BillAddr.City", "MetaData.LastUpdatedTime"));
    }

    @Override
    protected boolean deliversOnlyMatchingRecords() {
        return false;
    }
}
