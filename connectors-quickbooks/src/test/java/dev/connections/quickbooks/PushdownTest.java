package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.tck.CollectingSink;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which part of a filter reaches QuickBooks's query, how its values are written, and what is left to the engine. */
class PushdownTest {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @BeforeEach
    void customers() {
        qbo.company.insert("Customer", Map.of("DisplayName", "Amy's \\ Bird Sanctuary", "Active", true,
                "Balance", new BigDecimal("239.00")));
        qbo.company.insert("Customer", Map.of("DisplayName", "Bill's Windsurf Shop", "Active", true,
                "Balance", new BigDecimal("85.00")));
        qbo.company.insert("Customer", Map.of("DisplayName", "Cool Cars", "Active", false,
                "Balance", new BigDecimal("1400"), "Notes", "100% reliable"));
    }

    @AfterEach
    void close() {
        qbo.close();
    }

    @Test
    void andedConditionsOnFilterableFieldsArePushedDownWithTheirValuesEscaped() {
        Filter filter = Filter.field("DisplayName").equalTo("amy's \\ bird sanctuary")
                .and(Filter.field("Balance").greaterThan(100))
                .and(Filter.field("Active").equalTo(true))
                .and(Filter.field("MetaData.LastUpdatedTime").atLeast(Instant.parse("2026-03-01T00:00:00Z")));

        List<Object> names = read(filter);

        assertThat(qbo.fake.queries()).containsExactly("SELECT * FROM Customer WHERE DisplayName = "
                + "'amy\\'s \\\\ bird sanctuary' AND Balance > '100' AND Active = true AND MetaData.LastUpdatedTime"
                + " >= '2026-03-01T00:00:00+00:00' ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
        assertThat(names).containsExactly("Amy's \\ Bird Sanctuary");
    }

    @Test
    void orIsLeftToTheEngineWhileTheOtherAndedConditionsArePushedDown() {
        Filter filter = Filter.field("Balance").greaterThan(1000).or(Filter.field("Active").equalTo(false))
                .and(Filter.field("DisplayName").startsWith("C"));

        List<Object> names = read(filter);

        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Customer WHERE DisplayName LIKE 'C%' ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
        assertThat(names).containsExactly("Cool Cars");
    }

    @Test
    void conditionsQuickBooksCannotApplyAreLeftToTheEngine() {
        Filter filter = Filter.field("DisplayName").notEqualTo("Cool Cars")
                .and(Filter.field("Notes").isEmpty())
                .and(Filter.field("Notes").equalTo("x"))
                .and(Filter.field("Notes").contains("100%"))
                .and(Filter.field("DisplayName").greaterThan("B"));

        read(filter);

        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Customer ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
    }

    @Test
    void aFieldTheTableReadsInAnotherTypeIsNotPushedDown() {
        ReadRequest typed = qbo.full("Customer", Filter.field("Balance").greaterThan(100), "Id", "Balance");
        ReadRequest asText = new ReadRequest("Customer", List.of(typed.fields().get(0),
                typed.fields().get(1).withType(FieldType.TEXT)), List.of("Id"), typed.filter(), ReadMode.FULL,
                null);
        try (ConnectorSession session = qbo.open()) {
            session.read(asText, new CollectingSink());
        }
        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Customer ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
    }

    @Test
    void aNumberTooLargeToWriteOutIsNeverWrittenIntoTheQuery() {
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.full("Customer", Filter.field("Balance").greaterThan("1E100000"), "Id", "Balance"),
                    new CollectingSink());
        }

        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Customer ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
    }

    @Test
    void containsBecomesLikeAndInKeepsItsValues() {
        read(Filter.field("DisplayName").contains("wind").and(Filter.field("Id").in("1", "2")));

        assertThat(qbo.fake.queries()).containsExactly("SELECT * FROM Customer WHERE DisplayName LIKE '%wind%' AND "
                + "Id IN ('1', '2') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
    }

    @Test
    void aConditionOnAReferenceIsWrittenOnTheReferenceItself() {
        qbo.company.insert("Invoice", Map.of("CustomerRef", Map.of("value", "2", "name", "Bill's Windsurf Shop"),
                "TotalAmt", new BigDecimal("50")));
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.full("Invoice", Filter.field("CustomerRef.value").in("2", "3"), "Id",
                    "CustomerRef.value"), sink);
        }
        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Invoice WHERE CustomerRef IN ('2', '3') ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000");
        assertThat(sink.rows()).hasSize(1);
    }

    @Test
    void everyRecordMatchingTheFilterIsDeliveredWhatWasPushedDownOrNot() {
        Filter filter = Filter.field("Balance").atMost(300).and(Filter.field("Active").equalTo(true)
                .or(Filter.field("DisplayName").contains("cars")));
        ReadRequest request = qbo.full("Customer", filter, "Id", "DisplayName", "Balance", "Active");
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(request, sink);
        }
        Filter.RowPredicate predicate = filter.compile(request.fields());
        assertThat(sink.rows().stream().filter(r -> predicate.test(r.values())).map(r -> r.get(1)))
                .containsExactlyInAnyOrder("Amy's \\ Bird Sanctuary", "Bill's Windsurf Shop");
    }

    private List<Object> read(Filter filter) {
        ReadRequest request = qbo.full("Customer", filter, "Id", "DisplayName", "Balance", "Active", "Notes",
                "MetaData.LastUpdatedTime");
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(request, sink);
        }
        Filter.RowPredicate predicate = filter.compile(request.fields());
        return sink.rows().stream().filter(r -> predicate.test(r.values())).map(r -> r.get(1)).toList();
    }
}
