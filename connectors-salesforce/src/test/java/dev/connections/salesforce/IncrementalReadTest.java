package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.CollectingSink;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Incremental reads: records changed after the cursor, deletions, and a full read when deletions were lost. */
class IncrementalReadTest {

    private static final List<String> FIELDS = List.of("Id", "Name", "AnnualRevenue");

    private final SalesforceFixture f = SalesforceFixture.withAccounts();
    private final ConnectorSession s = f.open();

    @AfterEach
    void close() {
        s.close();
        f.close();
    }

    @Test
    void theCursorIsTheLatestSystemModstampSeen() {
        ReadResult full = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink());

        assertThat(full.next()).isEqualTo(Cursor.of("2024-03-01T10:18:00.000Z"));
    }

    @Test
    void changedRecordsAreDeliveredWhetherOrNotTheyMatchTheFilter() {
        Filter big = Filter.field("AnnualRevenue").greaterThan(1000);
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink()).next();
        f.clock.advance(Duration.ofMinutes(10));
        f.fake.update("Account", f.accountIds.get(0), Map.of("AnnualRevenue", new BigDecimal("5")));
        f.fake.update("Account", f.accountIds.get(1), Map.of("Name", "O'Brien & Daughters"));

        CollectingSink sink = new CollectingSink();
        ReadResult result = s.read(Reads.incremental(s, "Account", FIELDS, big, cursor), sink);

        assertThat(result.performed()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(sink.records(FIELDS)).extracting(r -> r.get("Name"))
                .containsExactlyInAnyOrder("Acme", "O'Brien & Daughters");
        assertThat(result.next()).isEqualTo(Cursor.of("2024-03-01T10:29:00.000Z"));
        assertThat(f.fake.soql().get(f.fake.soql().size() - 1))
                .isEqualTo("SELECT Id, Name, AnnualRevenue, SystemModstamp, IsDeleted FROM Account "
                        + "WHERE SystemModstamp > 2024-03-01T10:18:00.000Z");
    }

    @Test
    void recordsChangedWhileTheQueryRanAreReadAgainNextTime() {
        f.fake.generate("Account", 5000, i -> Map.of("Name", "Generated " + i));
        String early = f.fake.generatedId("Account", 0);
        String late = f.fake.generatedId("Account", 4999);
        f.clock.advance(Duration.ofMinutes(1));
        RecordSink whileReading = new RecordSink() {
            private boolean changed;

            @Override
            public void accept(Row row) {
                if (!changed) {
                    changed = true;
                    f.clock.advance(Duration.ofSeconds(30));
                    f.fake.update("Account", early, Map.of("Name", "Changed early"));
                    f.fake.update("Account", late, Map.of("Name", "Changed late"));
                }
            }

            @Override
            public void deleted(Object... key) {
                throw new AssertionError("a full read reports no deletions");
            }
        };
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), whileReading).next();

        CollectingSink next = new CollectingSink();
        s.read(Reads.incremental(s, "Account", FIELDS, Filter.all(), cursor), next);

        assertThat(cursor).isEqualTo(Cursor.of("2024-03-01T10:20:00.000Z"));
        assertThat(next.records(FIELDS)).extracting(r -> r.get("Name"))
                .containsExactlyInAnyOrder("Changed early", "Changed late");
    }

    @Test
    void nothingChangedMeansNothingDeliveredAndACursorAtTheServersTimeBeforeTheQuery() {
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink()).next();
        f.clock.advance(Duration.ofHours(1));

        CollectingSink sink = new CollectingSink();
        ReadResult result = s.read(Reads.incremental(s, "Account", FIELDS, Filter.all(), cursor), sink);

        assertThat(sink.rows()).isEmpty();
        assertThat(sink.deletions()).isEmpty();
        assertThat(result.next()).isEqualTo(Cursor.of("2024-03-01T11:19:00.000Z"));
    }

    @Test
    void deletedRecordsAreReportedByTheirIdOnce() {
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink()).next();
        f.clock.advance(Duration.ofMinutes(3));
        f.fake.delete("Account", f.accountIds.get(2));
        f.fake.delete("Account", f.accountIds.get(3));

        CollectingSink sink = new CollectingSink();
        ReadResult result = s.read(Reads.incremental(s, "Account", FIELDS, Filter.all(), cursor), sink);

        assertThat(sink.rows()).isEmpty();
        assertThat(sink.deletions()).containsExactlyInAnyOrder(List.of(f.accountIds.get(2)),
                List.of(f.accountIds.get(3)));
        assertThat(result.next()).isEqualTo(Cursor.of("2024-03-01T10:22:00.000Z"));
    }

    @Test
    void deletionsAreReportedByAnotherRefreshKeyFromTheRecycleBin() {
        List<SourceField> fields = Reads.fields(s, "Account", FIELDS);
        ReadRequest full = new ReadRequest("Account", fields, List.of("Name"), Filter.all(), ReadMode.FULL,
                null);
        Cursor cursor = s.read(full, new CollectingSink()).next();
        f.clock.advance(Duration.ofMinutes(3));
        f.fake.delete("Account", f.accountIds.get(0));

        CollectingSink sink = new CollectingSink();
        s.read(new ReadRequest("Account", fields, List.of("Name"), Filter.all(), ReadMode.INCREMENTAL,
                cursor), sink);

        assertThat(sink.deletions()).containsExactly(List.of("Acme"));
    }

    @Test
    void aCursorOlderThanTheDeletionWindowIsAnsweredWithAFullRead() {
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink()).next();
        f.clock.advance(Duration.ofDays(16));
        f.fake.delete("Account", f.accountIds.get(0));

        CollectingSink sink = new CollectingSink();
        ReadResult result = s.read(Reads.incremental(s, "Account", FIELDS, Filter.all(), cursor), sink);

        assertThat(result.performed()).isEqualTo(ReadMode.FULL);
        assertThat(sink.rows()).hasSize(3);
        assertThat(sink.deletions()).isEmpty();
        assertThat(result.next()).isEqualTo(Cursor.of("2024-03-01T10:18:00.000Z"));
    }

    @Test
    void aCursorBeyondWhatDeletedAcceptsIsAnsweredWithAFullRead() {
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink()).next();
        f.clock.advance(Duration.ofDays(45));

        ReadResult result = s.read(Reads.incremental(s, "Account", FIELDS, Filter.all(), cursor),
                new CollectingSink());

        assertThat(result.performed()).isEqualTo(ReadMode.FULL);
    }

    @Test
    void anIncrementalReadMakesTwoRequestsWhenLittleChanged() {
        Cursor cursor = s.read(Reads.full(s, "Account", FIELDS, Filter.all()), new CollectingSink()).next();
        ReadRequest request = Reads.incremental(s, "Account", FIELDS, Filter.all(), cursor);
        f.clock.advance(Duration.ofMinutes(1));
        f.fake.update("Account", f.accountIds.get(0), Map.of("Name", "Acme 2"));
        f.fake.resetCounters();

        s.read(request, new CollectingSink());

        assertThat(f.fake.requestsByPath()).containsOnlyKeys(
                "/services/data/v62.0/sobjects/Account/deleted/", "/services/data/v62.0/queryAll");
    }

    @Test
    void anObjectWithoutReplicationIsReadInFullEveryTime() {
        ReadResult result = s.read(Reads.full(s, "Organization", List.of("Id", "Name"), Filter.all()),
                new CollectingSink());

        assertThat(result.next()).isNull();
    }
}
