package dev.connections.quickbooks;

import dev.connections.api.Filter;
import dev.connections.tck.ConnectorContract;
import dev.connections.tck.ConnectorSubject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The QuickBooks connector passes the TCK's connector contract against the fake QuickBooks, its sessions opened with
 * the connection's tokens and the SDK's HTTP support, as the engine opens them.
 */
class QuickBooksConnectorContractTest extends ConnectorContract {

    private final Instant created = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private final QuickBooksFixture qbo = new QuickBooksFixture(created);
    private final List<Map<String, Object>> expected = new ArrayList<>();

    /** Records last changed an hour ago (before the cursor's overlap); then the fake's clock reads now. */
    QuickBooksConnectorContractTest() {
        customer("Amy's Bird Sanctuary", true, "239.00", "2025-12-01", "USD", "United States Dollar", "Bayshore",
                created);
        customer("Bill's Windsurf Shop", true, "85.00", null, "USD", "United States Dollar", null, created);
        customer("Cool Cars", false, "0", "2026-01-15", "CAD", null, "Half Moon Bay", created);
        customer("Diego Rodriguez", true, "1140.50", null, null, null, "Palo Alto", created);
        qbo.clock.set(Instant.now());
    }

    private void customer(String name, boolean active, String balance, String openDate, String currency,
                          String currencyName, String city, Instant created) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("DisplayName", name);
        json.put("Active", active);
        json.put("Balance", new BigDecimal(balance));
        if (openDate != null) {
            json.put("OpenBalanceDate", openDate);
        }
        if (currency != null) {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("value", currency);
            if (currencyName != null) {
                ref.put("name", currencyName);
            }
            json.put("CurrencyRef", ref);
        }
        if (city != null) {
            json.put("BillAddr", Map.of("Line1", "1 Main St", "City", city));
        }
        String id = qbo.company.insert("Customer", json);
        Map<String, Object> record = new HashMap<>();
        record.put("Id", id);
        record.put("DisplayName", name);
        record.put("Active", active);
        record.put("Balance", new BigDecimal(balance));
        record.put("OpenBalanceDate", openDate == null ? null : LocalDate.parse(openDate));
        record.put("CurrencyRef.value", currency);
        record.put("CurrencyRef.name", currencyName);
        record.put("BillAddr.City", city);
        record.put("MetaData.LastUpdatedTime", created);
        expected.add(record);
    }

    @AfterEach
    void stopFake() {
        qbo.close();
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return qbo.subject();
    }

    @Override
    protected List<Map<String, Object>> expectedRecords() {
        return expected;
    }

    @Override
    protected Filter selectiveFilter() {
        return Filter.field("Balance").greaterThan(100).and(Filter.field("Active").equalTo(true));
    }
}
