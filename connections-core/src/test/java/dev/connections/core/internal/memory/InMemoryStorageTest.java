package dev.connections.core.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsException;
import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the in-memory storage does beyond the storage contract. */
class InMemoryStorageTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final InMemoryStorage storage = new InMemoryStorage();
    private int runs;
    private final ConnectedTable table = new ConnectedTable(TableId.of("t-1"), "sales", "Orders",
            ConnectionId.of("c-1"), "csv", "orders.csv",
            List.of(SourceField.of("id", FieldType.DECIMAL), SourceField.of("name", FieldType.TEXT)),
            List.of("id"), Filter.all(), TableUpdates.REMOVE, RefreshSchedule.manual(), Principal.of("pam"), T0);
    private final Lease fence = storage.tryLease("refresh:t-1", "test", T0, Duration.ofMinutes(10)).orElseThrow();

    @Test
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    void aSecondRefreshOfATableConflictsWhileTheFirstIsOpen() {
        storage.data().define(table);
        try (RefreshWriter first = storage.data().begin(table, fence)) {
            assertThatThrownBy(() -> storage.data().begin(table, fence)).isInstanceOf(ConnectionsException.class)
                    .extracting(e -> ((ConnectionsException) e).reason())
                    .isEqualTo(ConnectionsException.Reason.CONFLICT);
        }
        storage.data().begin(table, fence).close();
    }

    @Test
    void aRefreshOfATableRedefinedMeanwhileCommitsNothing() {
        storage.data().define(table);
        refresh(Row.of(new BigDecimal("1"), "Ann"));
        RefreshWriter writer = storage.data().begin(table, fence);
        writer.upsert(Row.of(new BigDecimal("2"), "Bob"));
        RefreshCounts counts = writer.prepare(true);

        storage.data().define(table.withFilter(Filter.parse("name = 'Ann'")));

        assertThatThrownBy(() -> writer.commit(Cursor.of("c"), run(counts)))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining("Refresh it again");
        assertThat(names()).containsExactly("Ann");
    }

    @Test
    void aRefreshOfADroppedTableCommitsNothing() {
        storage.data().define(table);
        RefreshWriter writer = storage.data().begin(table, fence);
        writer.upsert(Row.of(new BigDecimal("2"), "Bob"));
        RefreshCounts counts = writer.prepare(true);

        storage.data().drop(table.id());

        assertThatThrownBy(() -> writer.commit(null, run(counts))).isInstanceOf(ConnectionsException.class);
        assertThat(storage.data().count(table.id())).isZero();
    }

    @Test
    void decimalKeysNameTheSameRecordWhateverTheirScale() {
        storage.data().define(table);
        refresh(Row.of(new BigDecimal("1.0"), "Ann"));

        assertThat(refresh(Row.of(new BigDecimal("1.00"), "Ann"))).isEqualTo(new RefreshCounts(0, 0, 1, 0));
    }

    @Test
    void aDecimalOfAnotherScaleIsAnUnchangedValueAndKeepsTheStoredOne() {
        storage.data().define(table);
        refresh(Row.of(new BigDecimal("1.0"), "Ann"));

        assertThat(refresh(Row.of(new BigDecimal("1"), "Ann"))).isEqualTo(new RefreshCounts(0, 0, 1, 0));
        assertThat(ids()).containsExactly(new BigDecimal("1.0"));
    }

    @Test
    void valuesOfClassesOtherThanTheFieldTypesAreKeptAsGiven() {
        storage.data().define(table);
        StringBuilder odd = new StringBuilder("odd");
        refresh(Row.of(new BigDecimal("1"), "Ann"), Row.of(new BigDecimal("2"), odd));

        assertThat(names()).containsExactlyInAnyOrder("Ann", odd);
        assertThat(refresh(Row.of(new BigDecimal("1"), odd), Row.of(new BigDecimal("2"), odd)))
                .isEqualTo(new RefreshCounts(0, 1, 1, 0));
        assertThat(refresh(Row.of(new BigDecimal("2"), "Bob"))).isEqualTo(new RefreshCounts(0, 1, 0, 1));
        assertThat(names()).containsExactly("Bob");
    }

    @Test
    void aKeyAddedThenDeletedThenAddedAgainInOneRefreshIsAddedOnce() {
        storage.data().define(table);
        try (RefreshWriter writer = storage.data().begin(table, fence)) {
            writer.upsert(Row.of(new BigDecimal("1"), "Ann"));
            writer.delete(new Object[] {new BigDecimal("1.00")});
            writer.upsert(Row.of(new BigDecimal("1"), "Ann again"));
            writer.upsert(Row.of(new BigDecimal("2"), "Bob"));
            writer.delete(new Object[] {new BigDecimal("2")});
            RefreshCounts counts = writer.prepare(true);
            writer.commit(null, run(counts));

            assertThat(counts).isEqualTo(new RefreshCounts(1, 0, 0, 0));
        }
        assertThat(names()).containsExactly("Ann again");
    }

    @Test
    void aStoredKeyDeletedThenWrittenWithItsValuesIsUnchanged() {
        storage.data().define(table);
        refresh(Row.of(new BigDecimal("1"), "Ann"), Row.of(new BigDecimal("2"), "Bob"));
        try (RefreshWriter writer = storage.data().begin(table, fence)) {
            writer.delete(new Object[] {new BigDecimal("1")});
            writer.upsert(Row.of(new BigDecimal("1"), "Ann"));
            writer.upsert(Row.of(new BigDecimal("2"), "Bob"));
            writer.delete(new Object[] {new BigDecimal("2")});
            RefreshCounts counts = writer.prepare(false);
            writer.commit(null, run(counts));

            assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 1, 1));
        }
        assertThat(names()).containsExactly("Ann");
    }

    @Test
    void manyRowsAddedChangedAndRemovedAcrossRefreshesAreCountedExactly() {
        storage.data().define(table);
        Row[] first = new Row[50_000];
        for (int i = 0; i < first.length; i++) {
            first[i] = Row.of(BigDecimal.valueOf(i), "n" + i);
        }
        assertThat(refresh(first)).isEqualTo(new RefreshCounts(50_000, 0, 0, 0));
        Row[] second = new Row[50_000];
        for (int i = 0; i < second.length; i++) {
            int id = i + 10_000;
            second[i] = Row.of(BigDecimal.valueOf(id), id % 100 == 0 ? "changed" + id : "n" + id);
        }

        assertThat(refresh(second)).isEqualTo(new RefreshCounts(10_000, 400, 39_600, 10_000));
        assertThat(storage.data().count(table.id())).isEqualTo(50_000);
        assertThat(names()).contains("changed10000", "n59999").doesNotContain("n9999", "n10000");
    }

    @Test
    void anAbortedRefreshLeavesNoneOfItsAddedRowsForTheNext() {
        storage.data().define(table);
        refresh(Row.of(new BigDecimal("1"), "Ann"));
        try (RefreshWriter writer = storage.data().begin(table, fence)) {
            for (int i = 2; i < 1_000; i++) {
                writer.upsert(Row.of(BigDecimal.valueOf(i), "x"));
            }
        }

        assertThat(refresh(Row.of(new BigDecimal("1"), "Ann"), Row.of(new BigDecimal("2"), "Bob")))
                .isEqualTo(new RefreshCounts(1, 0, 1, 0));
        assertThat(names()).containsExactly("Ann", "Bob");
    }

    @Test
    void wholeNumberKeysConsecutiveOrStridedAreFoundAcrossRefreshesThatGrowTheTable() {
        ConnectedTable ints = new ConnectedTable(TableId.of("t-2"), "sales", "Ids", ConnectionId.of("c-1"), "csv",
                "ids.csv", List.of(SourceField.of("id", FieldType.INTEGER), SourceField.of("name", FieldType.TEXT)),
                List.of("id"), Filter.all(), TableUpdates.REMOVE, RefreshSchedule.manual(), Principal.of("pam"), T0);
        Lease intsFence = storage.tryLease("refresh:t-2", "test", T0, Duration.ofMinutes(10)).orElseThrow();
        storage.data().define(ints);
        List<Long> keys = new java.util.ArrayList<>();
        for (long i = 0; i < 30_000; i++) {
            keys.add(i);
            keys.add(((i + 1) << 20) + 7); // a stride of 2^20
        }
        try (RefreshWriter writer = storage.data().begin(ints, intsFence)) {
            keys.forEach(k -> writer.upsert(Row.of(k, "n" + k)));
            RefreshCounts counts = writer.prepare(true);
            assertThat(counts).isEqualTo(new RefreshCounts(60_000, 0, 0, 0));
            writer.commit(null, run(counts));
        }

        try (RefreshWriter writer = storage.data().begin(ints, intsFence)) {
            keys.forEach(k -> writer.upsert(Row.of(k, k % 100 == 0 ? "changed" : "n" + k)));
            for (long k = 5_000_000; k < 5_090_000; k++) { // more than the table held: the index grows past its size
                writer.upsert(Row.of(k, "new"));
            }
            writer.delete(new Object[] {1L});
            assertThatThrownBy(() -> writer.upsert(new Row(new Object[] {(7L << 20) + 7, "again"}, 42)))
                    .isInstanceOf(DuplicateKeyException.class)
                    .satisfies(e -> assertThat(((DuplicateKeyException) e).line()).isEqualTo(42));
            RefreshCounts counts = writer.prepare(true);
            long changed = keys.stream().filter(k -> k % 100 == 0).count();
            assertThat(counts).isEqualTo(new RefreshCounts(90_000, changed, 60_000 - changed - 1, 1));
            writer.commit(null, run(counts));
        }
        assertThat(storage.data().count(ints.id())).isEqualTo(60_000 - 1 + 90_000);
    }

    @Test
    void aTableNeverDefinedIsDefinedByItsFirstRefresh() {
        refresh(Row.of(new BigDecimal("1"), "Ann"));

        assertThat(names()).containsExactly("Ann");
    }

    @Test
    void aBlankRefreshKeyValueIsRefused() {
        storage.data().define(table);
        try (RefreshWriter writer = storage.data().begin(table, fence)) {
            assertThatThrownBy(() -> writer.upsert(new Row(new Object[] {null, "Ann"}, 12)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id' is blank at line 12");
        }
    }

    @Test
    void commitBeforePrepareIsRefused() {
        storage.data().define(table);
        try (RefreshWriter writer = storage.data().begin(table, fence)) {
            assertThatThrownBy(() -> writer.commit(null, run(RefreshCounts.NONE)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("call prepare() first");
        }
    }

    private RefreshCounts refresh(Row... rows) {
        try (RefreshWriter writer = storage.data().begin(table, fence)) {
            for (Row row : rows) {
                writer.upsert(row);
            }
            RefreshCounts counts = writer.prepare(true);
            writer.commit(null, run(counts));
            return counts;
        }
    }

    private RefreshRun run(RefreshCounts counts) {
        return RefreshRun.started("r-" + ++runs, table.id(), RefreshRun.Trigger.MANUAL,
                ReadMode.FULL, T0).succeeded(ReadMode.FULL, T0.plusSeconds(1), counts, 0);
    }

    private List<Object> ids() {
        try (Stream<Object[]> rows = storage.data().rows(table.id())) {
            return rows.map(r -> r[0]).toList();
        }
    }

    private List<Object> names() {
        try (Stream<Object[]> rows = storage.data().rows(table.id())) {
            return rows.map(r -> r[1]).toList();
        }
    }
}
