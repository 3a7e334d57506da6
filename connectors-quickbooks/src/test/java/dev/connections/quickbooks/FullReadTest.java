package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.Row;
import dev.connections.tck.CollectingSink;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Full reads: paged queries, and QuickBooks's nested records as typed rows. */
class FullReadTest {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void close() {
        qbo.close();
    }

    @Test
    void aFullReadPagesThroughTheEntityAThousandRecordsAtATime() {
        for (int i = 1; i <= 2500; i++) {
            qbo.company.insert("Customer", Map.of("DisplayName", "Customer " + i));
        }
        CollectingSink sink = new CollectingSink();
        ReadResult result;
        try (ConnectorSession session = qbo.open()) {
            result = session.read(qbo.full("Customer", Filter.all(), "Id", "DisplayName"), sink);
        }

        assertThat(sink.rows()).hasSize(2500);
        assertThat(sink.rows().stream().map(r -> r.get(0)).distinct()).hasSize(2500);
        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Customer ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
                "SELECT * FROM Customer ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000",
                "SELECT * FROM Customer ORDERBY Id STARTPOSITION 2001 MAXRESULTS 1000");
        assertThat(result.performed()).isEqualTo(ReadMode.FULL);
        assertThat(result.next().value()).isEqualTo(QuickBooksFixture.START.minus(Duration.ofMinutes(5)).toString());
    }

    @Test
    void aFullPageIsFollowedByOneMoreQueryThatFindsNothing() {
        for (int i = 1; i <= 1000; i++) {
            qbo.company.insert("Item", Map.of("Name", "Item " + i));
        }
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.full("Item", Filter.all(), "Id"), sink);
        }
        assertThat(sink.rows()).hasSize(1000);
        assertThat(qbo.fake.queries()).hasSize(2);
    }

    @Test
    void nestedReferencesAreFlattenedArraysKeptAsJsonAndAbsentPropertiesNull() {
        String id = qbo.company.insert("Invoice", Map.of(
                "DocNumber", "1037",
                "TxnDate", "2026-02-27",
                "TotalAmt", new BigDecimal("1234.50"),
                "CustomerRef", Map.of("value", "58", "name", "Cool Cars"),
                "CurrencyRef", Map.of("value", "USD"),
                "BillAddr", Map.of("Line1", "65 Ocean Dr.", "City", "Half Moon Bay"),
                "Line", List.of(ordered("Id", "1", "Amount", new BigDecimal("1234.50"), "DetailType",
                        "SalesItemLineDetail"))));

        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.full("Invoice", Filter.all(), "Id", "DocNumber", "TxnDate", "TotalAmt",
                    "CustomerRef.value", "CustomerRef.name", "CurrencyRef.value", "CurrencyRef.name", "BillAddr.City",
                    "Line", "PrivateNote", "MetaData.CreateTime"), sink);
        }

        Row row = sink.rows().get(0);
        assertThat(row.values()).containsExactly(id, "1037", LocalDate.of(2026, 2, 27), new BigDecimal("1234.50"),
                "58", "Cool Cars", "USD", null, "Half Moon Bay",
                "[{\"Id\":\"1\",\"Amount\":1234.50,\"DetailType\":\"SalesItemLineDetail\"}]", null,
                QuickBooksFixture.START);
    }

    @Test
    void amountsAreReadExactlyAndAsTextWhenTheTableAsks() {
        qbo.company.insert("Customer", Map.of("DisplayName", "Exact", "Balance", new BigDecimal("0.10")));
        ReadRequest typed = qbo.full("Customer", Filter.all(), "Balance");
        ReadRequest asText = new ReadRequest("Customer", List.of(typed.fields().get(0).withType(
                FieldType.TEXT)), List.of("Id"), Filter.all(), ReadMode.FULL, null);
        CollectingSink decimals = new CollectingSink();
        CollectingSink texts = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(typed, decimals);
            session.read(asText, texts);
        }
        assertThat(decimals.rows().get(0).get(0)).isEqualTo(new BigDecimal("0.10"));
        assertThat(texts.rows().get(0).get(0)).isEqualTo("0.10");
    }

    @Test
    void aValueThatDoesNotFitItsTypeFailsNamingTheRecordAndTheField() {
        String id = qbo.company.insert("Customer", Map.of("DisplayName", "Odd", "OpenBalanceDate", "someday"));
        ConnectorException e;
        try (ConnectorSession session = qbo.open()) {
            e = catchThrowableOfType(ConnectorException.class, () -> session.read(
                    qbo.full("Customer", Filter.all(), "Id", "OpenBalanceDate"), new CollectingSink()));
        }
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.INVALID_DATA);
        assertThat(e.location()).isEqualTo("Customer " + id + ", field OpenBalanceDate");
        assertThat(e.getMessage()).contains("someday");
    }

    @Test
    void aFieldTheEntityDoesNotHaveIsNotFound() {
        ReadRequest request = new ReadRequest("Customer", List.of(SourceField.of("Nickname",
                FieldType.TEXT)), List.of("Nickname"), Filter.all(), ReadMode.FULL, null);
        ConnectorException e;
        try (ConnectorSession session = qbo.open()) {
            e = catchThrowableOfType(ConnectorException.class, () -> session.read(request, new CollectingSink()));
        }
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("Nickname");
        assertThat(qbo.fake.apiRequests()).isZero();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
