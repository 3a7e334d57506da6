package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.tck.CollectingSink;
import dev.connections.tck.TestConnectorContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Incremental reads through change data capture, and the cases that make a read take another path. */
class IncrementalReadTest {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void close() {
        qbo.close();
    }

    @Test
    void anIncrementalReadDeliversEveryChangedRecordMatchingTheFilterOrNotAndTheDeletions() {
        String edited = qbo.company.insert("Customer", Map.of("DisplayName", "Amy", "Balance", new BigDecimal("500")));
        String deleted = qbo.company.insert("Customer", Map.of("DisplayName", "Bill", "Balance", new BigDecimal("900")));
        qbo.company.insert("Customer", Map.of("DisplayName", "Cy", "Balance", new BigDecimal("700")));
        Filter filter = Filter.field("Balance").greaterThan(100);
        Cursor cursor = fullRead("Customer", filter);

        qbo.clock.advance(Duration.ofMinutes(10));
        qbo.company.update("Customer", edited, Map.of("Balance", new BigDecimal("5")));
        qbo.company.delete("Customer", deleted);
        String added = qbo.company.insert("Customer", Map.of("DisplayName", "Di", "Balance", new BigDecimal("50")));
        qbo.clock.advance(Duration.ofMinutes(1));
        qbo.fake.resetCounters();

        CollectingSink sink = new CollectingSink();
        ReadResult result;
        try (ConnectorSession session = qbo.open()) {
            result = session.read(qbo.incremental("Customer", cursor, filter, "Id", "DisplayName", "Balance"), sink);
        }

        assertThat(result.performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(sink.rows()).extracting(r -> r.get(0)).containsExactlyInAnyOrder(edited, added);
        assertThat(sink.deletions()).containsExactly(List.of(deleted));
        assertThat(qbo.fake.changeRequests()).containsExactly(
                "entities=Customer&changedSince=2026-03-02T17:05:00+00:00");
        assertThat(qbo.fake.queries()).isEmpty();
        assertThat(result.next().value()).isEqualTo("2026-03-02T17:16:00Z");
    }

    @Test
    void aCursorOlderThanTheChangeWindowMakesAFullRead() {
        qbo.company.insert("Customer", Map.of("DisplayName", "Amy"));
        Cursor cursor = fullRead("Customer", Filter.all());
        qbo.clock.advance(Duration.ofDays(29).plusMinutes(10));
        qbo.fake.resetCounters();

        CollectingSink sink = new CollectingSink();
        ReadResult result;
        try (ConnectorSession session = qbo.open()) {
            result = session.read(qbo.incremental("Customer", cursor, Filter.all(), "Id"), sink);
        }

        assertThat(result.performed()).isEqualTo(ReadMode.FULL);
        assertThat(sink.rows()).hasSize(1);
        assertThat(qbo.fake.changeRequests()).isEmpty();
    }

    @Test
    void aDeletionReadsInFullWhenTheRefreshKeyIsNotId() {
        qbo.company.insert("Customer", Map.of("DisplayName", "Amy"));
        String gone = qbo.company.insert("Customer", Map.of("DisplayName", "Bill"));
        Cursor cursor = fullRead("Customer", Filter.all());
        qbo.clock.advance(Duration.ofMinutes(10));
        qbo.company.delete("Customer", gone);

        ReadRequest byName = new ReadRequest("Customer", qbo.fields("Customer", "DisplayName"), List.of("DisplayName"),
                Filter.all(), ReadMode.INCREMENTAL, cursor);
        CollectingSink sink = new CollectingSink();
        ReadResult result;
        try (ConnectorSession session = qbo.open()) {
            result = session.read(byName, sink);
        }

        assertThat(result.performed()).isEqualTo(ReadMode.FULL);
        assertThat(sink.rows()).extracting(r -> r.get(0)).containsExactly("Amy");
        assertThat(sink.deletions()).isEmpty();
    }

    @Test
    void whenChangeDataCaptureAnswersAThousandObjectsTheChangesArePagedByLastUpdatedTime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            ids.add(qbo.company.insert("Item", Map.of("Name", "item " + i)));
        }
        Cursor cursor = fullRead("Item", Filter.all());
        qbo.clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 600; i++) {
            qbo.company.update("Item", ids.get(i), Map.of("Name", "renamed " + i));
        }
        List<String> deleted = ids.subList(1197, 1200);
        deleted.forEach(id -> qbo.company.delete("Item", id));
        qbo.clock.advance(Duration.ofSeconds(1));
        for (int i = 600; i < 1100; i++) {
            qbo.company.update("Item", ids.get(i), Map.of("Name", "renamed " + i));
        }
        qbo.clock.advance(Duration.ofMinutes(1));
        qbo.fake.resetCounters();

        CollectingSink sink = new CollectingSink();
        ReadResult result;
        try (ConnectorSession session = qbo.open()) {
            result = session.read(qbo.incremental("Item", cursor, Filter.field("Name").startsWith("x"), "Id",
                    "Name"), sink);
        }

        assertThat(result.performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(result.next()).as("deletions past the cap are unknown: the next refresh must be full").isNull();
        assertThat(sink.rows()).extracting(r -> r.get(0)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 1100));
        assertThat(sink.deletions()).extracting(d -> d.get(0)).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(qbo.fake.queries()).containsExactly(
                "SELECT * FROM Item WHERE MetaData.LastUpdatedTime >= '2026-03-02T17:05:00+00:00' AND "
                        + "MetaData.LastUpdatedTime <= '2026-03-02T17:21:01+00:00' ORDERBY MetaData.LastUpdatedTime "
                        + "MAXRESULTS 1000",
                "SELECT * FROM Item WHERE MetaData.LastUpdatedTime >= '2026-03-02T17:20:01+00:00' AND "
                        + "MetaData.LastUpdatedTime <= '2026-03-02T17:21:01+00:00' ORDERBY MetaData.LastUpdatedTime "
                        + "MAXRESULTS 1000");
    }

    @Test
    void moreThanAThousandRecordsChangedAtOneInstantAreReadByPositionWithinIt() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            ids.add(qbo.company.insert("Item", Map.of("Name", "item " + i)));
        }
        Cursor cursor = fullRead("Item", Filter.all());
        qbo.clock.advance(Duration.ofMinutes(10));
        ids.forEach(id -> qbo.company.update("Item", id, Map.of("Active", false)));
        qbo.clock.advance(Duration.ofMinutes(1));
        qbo.fake.resetCounters();

        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.incremental("Item", cursor, Filter.all(), "Id"), sink);
        }

        assertThat(sink.rows()).extracting(r -> r.get(0)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(qbo.fake.queries()).last().asString()
                .startsWith("SELECT * FROM Item WHERE MetaData.LastUpdatedTime > '2026-03-02T17:20:00+00:00'");
    }

    @Test
    void tablesOfOneConnectionShareOneChangeDataCaptureCall() {
        String customer = qbo.company.insert("Customer", Map.of("DisplayName", "Amy"));
        String invoice = qbo.company.insert("Invoice", Map.of("TotalAmt", new BigDecimal("10")));
        qbo.company.insert("Item", Map.of("Name", "Rock"));
        Cursor customers = fullRead("Customer", Filter.all());
        Cursor invoices = fullRead("Invoice", Filter.all());
        Cursor items = fullRead("Item", Filter.all());
        qbo.clock.advance(Duration.ofMinutes(10));
        qbo.company.update("Customer", customer, Map.of("DisplayName", "Amy B."));
        qbo.company.delete("Invoice", invoice);
        qbo.clock.advance(Duration.ofMinutes(1));
        qbo.fake.resetCounters();

        TestConnectorContext first = qbo.context();
        TestConnectorContext second = qbo.context();
        TestConnectorContext third = qbo.context();
        CollectingSink customerChanges = new CollectingSink();
        CollectingSink invoiceChanges = new CollectingSink();
        CollectingSink itemChanges = new CollectingSink();
        try (ConnectorSession a = qbo.connector.open(first); ConnectorSession b = qbo.connector.open(second);
             ConnectorSession c = qbo.connector.open(third)) {
            a.read(qbo.incremental("Customer", customers, Filter.all(), "Id", "DisplayName"), customerChanges);
            b.read(qbo.incremental("Invoice", invoices, Filter.all(), "Id"), invoiceChanges);
            c.read(qbo.incremental("Item", items, Filter.all(), "Id"), itemChanges);
        }

        assertThat(qbo.fake.changeRequests()).containsExactly(
                "entities=Customer,Invoice,Item&changedSince=2026-03-02T17:05:00+00:00");
        assertThat(customerChanges.rows()).extracting(r -> r.get(1)).containsExactly("Amy B.");
        assertThat(invoiceChanges.deletions()).containsExactly(List.of(invoice));
        assertThat(itemChanges.rows()).isEmpty();
        assertThat(List.of(first.apiCalls(), second.apiCalls(), third.apiCalls())).containsExactly(1L, 0L, 0L);
    }

    @Test
    void aTableWithANewerCursorAsksFromTheOlderCursorOfTheOtherSoBothShareTheCall() {
        String customer = qbo.company.insert("Customer", Map.of("DisplayName", "Amy"));
        qbo.company.insert("Vendor", Map.of("DisplayName", "Bob"));
        Cursor customers = fullRead("Customer", Filter.all());
        qbo.clock.advance(Duration.ofMinutes(20));
        Cursor vendors;
        try (ConnectorSession session = qbo.open()) {
            vendors = session.read(qbo.full("Vendor", Filter.all(), "Id"), new CollectingSink()).next();
        }
        qbo.clock.advance(Duration.ofMinutes(10));
        qbo.company.update("Customer", customer, Map.of("DisplayName", "Amy B."));
        qbo.clock.advance(Duration.ofMinutes(1));
        qbo.fake.resetCounters();

        CollectingSink customerChanges = new CollectingSink();
        ReadResult vendorRead;
        ReadResult customerRead;
        try (ConnectorSession session = qbo.open()) {
            vendorRead = session.read(qbo.incremental("Vendor", vendors, Filter.all(), "Id"), new CollectingSink());
            customerRead = session.read(qbo.incremental("Customer", customers, Filter.all(), "Id"), customerChanges);
        }

        assertThat(qbo.fake.changeRequests()).containsExactly(
                "entities=Customer,Vendor&changedSince=2026-03-02T17:05:00+00:00");
        assertThat(customerChanges.rows()).extracting(r -> r.get(0)).containsExactly(customer);
        assertThat(vendorRead.next()).isEqualTo(customerRead.next());
    }

    @Test
    void anAnswerOlderThanTwoMinutesIsNotShared() {
        qbo.company.insert("Customer", Map.of("DisplayName", "Amy"));
        qbo.company.insert("Vendor", Map.of("DisplayName", "Bob"));
        Cursor customers = fullRead("Customer", Filter.all());
        Cursor vendors = fullRead("Vendor", Filter.all());
        qbo.clock.advance(Duration.ofMinutes(10));
        qbo.fake.resetCounters();

        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.incremental("Customer", customers, Filter.all(), "Id"), new CollectingSink());
            qbo.clock.advance(Duration.ofMinutes(3));
            session.read(qbo.incremental("Vendor", vendors, Filter.all(), "Id"), new CollectingSink());
        }

        assertThat(qbo.fake.changeRequests()).hasSize(2);
    }

    /** Reads in full ten minutes after the records were made, so that they lie before the cursor's overlap. */
    private Cursor fullRead(String entity, Filter filter) {
        qbo.clock.set(QuickBooksFixture.START.plus(Duration.ofMinutes(10)));
        try (ConnectorSession session = qbo.open()) {
            return session.read(qbo.full(entity, filter, "Id"), new CollectingSink()).next();
        }
    }
}
