package dev.connections.tck;

import static dev.connections.tck.StorageSamples.COLUMNS;
import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.detailedTable;
import static dev.connections.tck.StorageSamples.started;
import static dev.connections.tck.StorageSamples.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.connections.api.ConnectedTable;
import dev.connections.api.FieldType;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.DuplicateKeyException;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.LeaseLostException;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.Storage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage#data() TableData} and its {@link RefreshWriter} must have: a refresh is atomic
 * (its rows and cursor become visible together when it commits, or never), counts added, updated, unchanged and
 * removed records, refuses a key written twice, commits only while its lease (its fence) holds, keeps the rows of the
 * columns still connected when a table is redefined, and follows the definition a refresh is begun with; values of every field type are read back the same. A storage proves it with a test class that extends
 * this suite and says how to make a fresh storage:
 *
 * <pre>{@code
 * class MyTableDataTest extends TableDataContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards. Values read back are compared as {@link Rows} does: DECIMAL by
 * value, DATETIME and TIME to the microsecond; "equal" in the counts of a refresh means the same. JUnit runs the
 * tests of one instance on one thread; a test that needs more threads starts and stops them itself.
 */
public abstract class TableDataContract extends StorageFixture {

    /** Long enough that no test outlives it. */
    private static final Duration LONG = Duration.ofMinutes(10);
    /** Short enough to run out by a storage's own clock while a test waits. */
    private static final Duration SHORT = Duration.ofMillis(300);

    private final Map<TableId, Lease> leases = new ConcurrentHashMap<>();
    private int runs;

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected TableDataContract() {
    }

    // --- rows: refreshes

    @Test
    void anUnknownTableHasNoRowsAndNoCursor() {
        TableId unknown = TableId.of("t-none");
        assertRows(unknown);
        assertThat(storage().data().cursor(unknown)).isEmpty();
    }

    @Test
    void aDefinedTableStartsEmptyWithoutCursor() {
        ConnectedTable t = define(table("t-1"));
        assertRows(t.id());
        assertThat(storage().data().cursor(t.id())).isEmpty();
    }

    @Test
    void aCommittedRefreshMakesItsRowsVisible() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", dec("10.50")), row("k2", "Bob", null));

        assertRows(t.id(), row("k1", "Ann", dec("10.50")), row("k2", "Bob", null));
    }

    @Test
    void aFirstRefreshCountsEveryRecordAsAdded() {
        ConnectedTable t = define(table("t-1"));
        RefreshCounts counts = refresh(t, true, null, row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")),
                row("k3", "Cy", dec("3")));

        assertThat(counts).isEqualTo(new RefreshCounts(3, 0, 0, 0));
    }

    @Test
    void aRefreshCountsAddedUpdatedUnchangedAndRemovedRecords() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("same", "Ann", dec("1.10")), row("changed", "Bob", dec("2")),
                row("gone", "Cy", dec("3")));

        RefreshCounts counts = refresh(t, true, null, row("same", "Ann", dec("1.10")),
                row("changed", "Bob", dec("2.01")), row("new", "Dee", null));

        assertThat(counts).isEqualTo(new RefreshCounts(1, 1, 1, 1));
        assertRows(t.id(), row("same", "Ann", dec("1.10")), row("changed", "Bob", dec("2.01")),
                row("new", "Dee", null));
    }

    @Test
    void rowsOfARefreshAreInvisibleUntilItCommits() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("before"), row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")));

        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of("k1", "Ann", dec("100")));
            writer.upsert(Row.of("k3", "Cy", dec("3")));
            writer.prepare(true);
            assertRows(t.id(), row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")));
            assertThat(storage().data().cursor(t.id())).contains(Cursor.of("before"));

            writer.commit(Cursor.of("after"), succeeded(t.id(), new RefreshCounts(1, 1, 0, 1)));
        }
        assertRows(t.id(), row("k1", "Ann", dec("100")), row("k3", "Cy", dec("3")));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("after"));
    }

    @Test
    void removeUnseenRemovesTheRecordsTheRefreshDidNotWrite() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null), row("k2", "Bob", null), row("k3", "Cy", null));

        RefreshCounts counts = refresh(t, true, null, row("k2", "Bob", null));

        assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 1, 2));
        assertRows(t.id(), row("k2", "Bob", null));
    }

    @Test
    void keepUnseenKeepsTheRecordsTheRefreshDidNotWrite() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null), row("k2", "Bob", null));

        RefreshCounts counts = refresh(t, false, null, row("k2", "Bobby", null), row("k3", "Cy", null));

        assertThat(counts).isEqualTo(new RefreshCounts(1, 1, 0, 0));
        assertRows(t.id(), row("k1", "Ann", null), row("k2", "Bobby", null), row("k3", "Cy", null));
    }

    @Test
    void deleteRemovesTheRecordWithThatKey() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null), row("k2", "Bob", null));

        RefreshCounts counts;
        try (RefreshWriter writer = begin(t)) {
            writer.delete(new Object[] {"k1"});
            counts = writer.prepare(false);
            writer.commit(Cursor.of("c2"), succeeded(t.id(), counts));
        }

        assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 0, 1));
        assertRows(t.id(), row("k2", "Bob", null));
    }

    @Test
    void deletingAnUnknownKeyChangesNothing() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null));

        RefreshCounts counts;
        try (RefreshWriter writer = begin(t)) {
            writer.delete(new Object[] {"k9"});
            counts = writer.prepare(false);
            writer.commit(null, succeeded(t.id(), counts));
        }

        assertThat(counts).isEqualTo(RefreshCounts.NONE);
        assertRows(t.id(), row("k1", "Ann", null));
    }

    @Test
    void upsertingANewKeyTwiceInOneRefreshFails() {
        ConnectedTable t = define(table("t-1"));

        try (RefreshWriter writer = begin(t)) {
            Throwable thrown = catchThrowable(() -> {
                writer.upsert(Row.of("k1", "Ann", null));
                writer.upsert(new Row(new Object[] {"k1", "Bob", null}, 7));
                writer.prepare(true);
            });
            assertThat(thrown).isInstanceOf(DuplicateKeyException.class);
            assertThat(((DuplicateKeyException) thrown).key()).containsExactly("k1");
        }
        assertRows(t.id());
    }

    @Test
    void upsertingAnExistingKeyTwiceInOneRefreshFails() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", null), row("k2", "Bob", null));

        try (RefreshWriter writer = begin(t)) {
            Throwable thrown = catchThrowable(() -> {
                writer.upsert(Row.of("k1", "Ann", null));
                writer.upsert(Row.of("k2", "Bob", null));
                writer.upsert(Row.of("k1", "Ann", null));
                writer.prepare(true);
            });
            assertThat(thrown).isInstanceOf(DuplicateKeyException.class);
        }
        assertRows(t.id(), row("k1", "Ann", null), row("k2", "Bob", null));
    }

    @Test
    void aKeyWrittenByOneRefreshMayBeWrittenAgainByTheNext() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null));
        refresh(t, true, null, row("k1", "Ann", null));

        assertThat(refresh(t, true, null, row("k1", "Anna", null))).isEqualTo(new RefreshCounts(0, 1, 0, 0));
    }

    @Test
    void abortLeavesRowsAndCursorExactlyAsBefore() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")));
        int runsBefore = storage().history().recent(t.id(), 100).size();

        RefreshWriter writer = begin(t);
        writer.upsert(Row.of("k1", "Ann", dec("99")));
        writer.upsert(Row.of("k3", "Cy", dec("3")));
        writer.delete(new Object[] {"k2"});
        writer.prepare(true);
        writer.abort();

        assertRows(t.id(), row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("c1"));
        assertThat(storage().history().recent(t.id(), 100)).hasSize(runsBefore);
    }

    @Test
    void abortMayBeCalledMoreThanOnce() {
        ConnectedTable t = define(table("t-1"));
        RefreshWriter writer = begin(t);
        writer.upsert(Row.of("k1", "Ann", null));

        writer.abort();
        writer.abort();
        writer.close();

        assertRows(t.id());
    }

    @Test
    void closingAWriterThatDidNotCommitAbortsIt() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", null));

        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of("k2", "Bob", null));
            writer.prepare(true);
        }

        assertRows(t.id(), row("k1", "Ann", null));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("c1"));
    }

    @Test
    void aRefreshAfterAnAbortedOneRemovesWhatItDidNotWrite() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null), row("k2", "Bob", null));
        try (RefreshWriter aborted = begin(t)) {
            aborted.upsert(Row.of("k1", "Ann", null));
            aborted.upsert(Row.of("k2", "Bob", null));
            aborted.prepare(true);
        }

        RefreshCounts counts = refresh(t, true, null, row("k1", "Ann", null));

        assertThat(counts).isEqualTo(new RefreshCounts(0, 0, 1, 1));
        assertRows(t.id(), row("k1", "Ann", null));
    }

    @Test
    void theCursorIsCommittedWithTheData() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("2024-03-01T10:00:00Z|42"), row("k1", "Ann", null));

        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("2024-03-01T10:00:00Z|42"));
    }

    @Test
    void committingWithoutACursorLeavesTheTableWithoutOne() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", null));

        refresh(t, true, null, row("k1", "Ann", null));

        assertThat(storage().data().cursor(t.id())).isEmpty();
    }

    @Test
    void commitWritesTheRunItIsGivenToTheHistory() {
        ConnectedTable t = define(table("t-1"));
        RefreshRun running = started("r-1", t.id(), 0);
        storage().history().save(running);

        RefreshRun done;
        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of("k1", "Ann", null));
            RefreshCounts counts = writer.prepare(true);
            done = running.succeeded(ReadMode.FULL, at(1), counts, 2);
            writer.commit(Cursor.of("c1"), done);
        }

        assertThat(storage().history().recent(t.id(), 10)).containsExactly(done);
        assertThat(storage().history().running()).isEmpty();
    }

    @Test
    void aRowReadBackCannotChangeTheTable() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", null));

        try (Stream<Object[]> rows = storage().data().rows(t.id())) {
            rows.forEach(r -> r[1] = "Mallory");
        }

        assertRows(t.id(), row("k1", "Ann", null));
    }

    @Test
    void refreshesOfOneTableLeaveTheOthersAlone() {
        ConnectedTable first = define(table("t-1"));
        ConnectedTable second = define(table("t-2"));
        refresh(first, true, Cursor.of("c1"), row("k1", "Ann", null));

        refresh(second, true, Cursor.of("c2"), row("k2", "Bob", null));
        storage().data().drop(second.id());

        assertRows(first.id(), row("k1", "Ann", null));
        assertThat(storage().data().cursor(first.id())).contains(Cursor.of("c1"));
    }

    @Test
    void aTwoFieldRefreshKeyTellsRecordsApartByBothFields() {
        ConnectedTable t = define(detailedTable("t-1"));
        Instant placed = Instant.parse("2024-02-29T23:59:59.5Z");
        RefreshCounts first = refresh(t, true, null,
                row("EU", 1L, "Ann", dec("10"), placed, false),
                row("EU", 2L, "Bob", dec("20"), placed, false),
                row("US", 1L, "Cy", dec("30"), placed, true));
        assertThat(first).isEqualTo(new RefreshCounts(3, 0, 0, 0));

        RefreshCounts second;
        try (RefreshWriter writer = begin(t)) {
            writer.upsert(Row.of("EU", 1L, "Ann", dec("11"), placed, false));
            writer.delete(new Object[] {"US", 1L});
            second = writer.prepare(false);
            writer.commit(null, succeeded(t.id(), second));
        }

        assertThat(second).isEqualTo(new RefreshCounts(0, 1, 0, 1));
        assertRows(t.id(), row("EU", 1L, "Ann", dec("11"), placed, false),
                row("EU", 2L, "Bob", dec("20"), placed, false));
    }

    @Test
    void aTwoFieldRefreshKeyIsDuplicatedOnlyWhenBothFieldsRepeat() {
        ConnectedTable t = define(detailedTable("t-1"));

        try (RefreshWriter writer = begin(t)) {
            Throwable thrown = catchThrowable(() -> {
                writer.upsert(Row.of("EU", 1L, "Ann", null, null, null));
                writer.upsert(Row.of("EU", 2L, "Bob", null, null, null));
                writer.upsert(Row.of("US", 1L, "Cy", null, null, null));
                writer.upsert(Row.of("EU", 1L, "Dee", null, null, null));
                writer.prepare(true);
            });
            assertThat(thrown).isInstanceOf(DuplicateKeyException.class);
            assertThat(((DuplicateKeyException) thrown).key()).containsExactly("EU", 1L);
        }
        assertRows(t.id());
    }

    @Test
    void readersNeverSeeHalfARefresh() throws Exception {
        ConnectedTable t = define(table("t-1"));
        int size = 20;
        int refreshes = 40;
        refresh(t, true, null, version(0, size));
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = writerThread.submit(() -> {
                for (int v = 1; v <= refreshes; v++) {
                    refresh(t, true, Cursor.of("v" + v), version(v, size));
                }
            });
            int reads = 0;
            while (!writer.isDone() || reads == 0) {
                List<List<Object>> seen = rows(t.id());
                assertThat(seen).hasSize(size);
                long v = ((BigDecimal) seen.get(0).get(2)).longValueExact();
                assertThat(seen).as("rows read during the refreshes")
                        .containsExactlyInAnyOrderElementsOf(normalized(version((int) v, size)));
                reads++;
            }
            writer.get(60, TimeUnit.SECONDS);
        } finally {
            writerThread.shutdownNow();
        }
        assertRows(t.id(), version(refreshes, size));
    }

    // --- fences

    @Test
    void aCommitWhoseLeaseWasTakenOverChangesNothing() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("before"), row("k1", "Ann", dec("1")));
        Lease fence = storage().tryLease("refresh:t-1", "paused", StorageSamples.T0, SHORT).orElseThrow();
        RefreshWriter writer = storage().data().begin(t, fence);
        writer.upsert(Row.of("k2", "Bob", dec("2")));
        RefreshCounts counts = writer.prepare(true);
        Lease taker = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> storage().tryLease("refresh:t-1", "taker", StorageSamples.T0.plusSeconds(60), LONG),
                        Optional::isPresent).orElseThrow();

        RefreshRun run = succeeded(t.id(), counts);
        Throwable refused = catchThrowable(() -> writer.commit(Cursor.of("after"), run));

        assertThat(refused).isInstanceOf(LeaseLostException.class);
        assertRows(t.id(), row("k1", "Ann", dec("1")));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("before"));
        assertThat(storage().history().recent(t.id(), 10)).extracting(RefreshRun::id).doesNotContain(run.id());
        writer.close();
        try (RefreshWriter next = storage().data().begin(t, taker)) {
            next.upsert(Row.of("k3", "Cy", dec("3")));
            next.commit(Cursor.of("taker"), succeeded(t.id(), next.prepare(true)));
        }
        assertRows(t.id(), row("k3", "Cy", dec("3")));
    }

    @Test
    void aCommitWhoseLeaseWasReleasedChangesNothing() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("before"), row("k1", "Ann", dec("1")));
        Lease fence = storage().tryLease("refresh:t-1", "released", StorageSamples.T0, LONG).orElseThrow();
        try (RefreshWriter writer = storage().data().begin(t, fence)) {
            writer.upsert(Row.of("k2", "Bob", dec("2")));
            RefreshCounts counts = writer.prepare(true);
            fence.close();

            assertThat(catchThrowable(() -> writer.commit(Cursor.of("after"), succeeded(t.id(), counts))))
                    .isInstanceOf(LeaseLostException.class);
        }
        assertRows(t.id(), row("k1", "Ann", dec("1")));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("before"));
    }

    @Test
    void aCommitWhoseLeaseWasTakenAgainUnderANewerGenerationChangesNothing() {
        ConnectedTable t = define(table("t-1"));
        Lease fence = storage().tryLease("refresh:t-1", "node-a", StorageSamples.T0, LONG).orElseThrow();
        try (RefreshWriter writer = storage().data().begin(t, fence)) {
            writer.upsert(Row.of("k1", "Ann", dec("1")));
            RefreshCounts counts = writer.prepare(true);
            storage().tryLease("refresh:t-1", "node-a", StorageSamples.T0.plusSeconds(1), LONG).orElseThrow();

            assertThat(catchThrowable(() -> writer.commit(null, succeeded(t.id(), counts))))
                    .isInstanceOf(LeaseLostException.class);
        }
        assertRows(t.id());
    }

    @Test
    void aRefreshBegunWithAnotherDefinitionUnderALostLeaseLeavesTheTableAsItWas() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", dec("1")));
        ConnectedTable older = t.withFields(List.of(COLUMNS.get(0), COLUMNS.get(1)), List.of("id"));
        Lease fence = storage().tryLease("refresh:t-1", "stale", StorageSamples.T0, LONG).orElseThrow();
        fence.close();

        assertThat(catchThrowable(() -> storage().data().begin(older, fence).close()))
                .isInstanceOf(LeaseLostException.class);
        assertRows(t.id(), row("k1", "Ann", dec("1")));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("c1"));
    }

    @Test
    void aRefreshBegunUnderALostLeaseForADroppedTableLaysOutNothing() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", dec("1")));
        Lease fence = storage().tryLease("refresh:t-1", "stale", StorageSamples.T0, LONG).orElseThrow();
        fence.close();
        storage().data().drop(t.id()); // the table was deleted while the stale refresh was paused

        assertThat(catchThrowable(() -> storage().data().begin(t, fence).close()))
                .isInstanceOf(LeaseLostException.class);
        assertRows(t.id());
        assertThat(storage().data().cursor(t.id())).isEmpty();
    }

    // --- rows: definitions

    @Test
    void aRefreshBegunWithAnotherDefinitionThanTheStoredOneDefinesTheTableAgainFirst() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", dec("1")));
        // a change of the fields that stopped after define, before the definition was stored: t is still the table's
        storage().data().define(t.withFields(List.of(COLUMNS.get(0), COLUMNS.get(1)), List.of("id")));

        refresh(t, true, Cursor.of("c2"), row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")));

        assertRows(t.id(), row("k1", "Ann", dec("1")), row("k2", "Bob", dec("2")));
        assertThat(storage().data().cursor(t.id())).contains(Cursor.of("c2"));
    }

    @Test
    void rowsReadForADefinitionTheStorageIsNotLaidOutForLineUpByField() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", dec("1")));
        ConnectedTable narrower = t.withFields(List.of(COLUMNS.get(0), COLUMNS.get(2)), List.of("id"));

        // as the stored definition reads them while a change that stopped half-way awaits the next refresh
        assertThat(rows(narrower)).containsExactly(Rows.normalized(row("k1", dec("1"))));
        storage().data().define(narrower);
        assertThat(rows(t)).containsExactly(Rows.normalized(row("k1", null, dec("1"))));
        assertThat(rows(narrower)).containsExactly(Rows.normalized(row("k1", dec("1"))));
    }

    @Test
    void aRefreshBegunWithAnotherRefreshKeyThanTheStoredOneDefinesTheTableAgainFirst() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", dec("1")));
        storage().data().define(t.withFields(COLUMNS, List.of("name")));

        refresh(t, true, null, row("k1", "Ann", dec("1")), row("k2", "Ann", dec("2")));

        assertRows(t.id(), row("k1", "Ann", dec("1")), row("k2", "Ann", dec("2")));
    }

    @Test
    void redefiningKeepsTheValuesOfTheColumnsStillConnected() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", dec("1.5")), row("k2", "Bob", null));
        ConnectedTable changed = t.withFields(List.of(COLUMNS.get(0), COLUMNS.get(2),
                SourceField.of("note", FieldType.TEXT)), List.of("id"));

        storage().data().define(changed);

        assertRows(t.id(), row("k1", dec("1.5"), null), row("k2", null, null));
        assertThat(refresh(changed, true, null, row("k1", dec("1.5"), null), row("k2", null, "new")))
                .isEqualTo(new RefreshCounts(0, 1, 1, 0));
    }

    @Test
    void redefiningWithColumnsInAnotherOrderMovesTheirValues() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, null, row("k1", "Ann", dec("1.5")));

        storage().data().define(t.withFields(List.of(COLUMNS.get(2), COLUMNS.get(0), COLUMNS.get(1)), List.of("id")));

        assertRows(t.id(), row(dec("1.5"), "k1", "Ann"));
    }

    @Test
    void redefiningDropsTheCursorAndKeepsTheRows() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", null));

        storage().data().define(t);

        assertThat(storage().data().cursor(t.id())).isEmpty();
        assertRows(t.id(), row("k1", "Ann", null));
    }

    @Test
    void redefiningWithAnotherRefreshKeyDropsTheRows() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", null));

        storage().data().define(t.withFields(COLUMNS, List.of("name")));

        assertRows(t.id());
        assertThat(storage().data().cursor(t.id())).isEmpty();
    }

    @Test
    void dropRemovesTheRowsAndTheCursor() {
        ConnectedTable t = define(table("t-1"));
        refresh(t, true, Cursor.of("c1"), row("k1", "Ann", null));

        storage().data().drop(t.id());
        storage().data().drop(TableId.of("t-none"));

        assertRows(t.id());
        assertThat(storage().data().cursor(t.id())).isEmpty();
        define(t);
        assertRows(t.id());
    }

    // --- rows: values

    @Test
    void valuesOfEveryFieldTypeAreReadBackTheSame() {
        ConnectedTable t = define(typedTable());
        Object[] first = row("a", Long.MAX_VALUE, dec("12345678901234.5678"), true, LocalDate.of(2024, 2, 29),
                Instant.parse("2024-03-31T01:59:59.123456Z"), LocalTime.of(14, 5, 30),
                "{\"street\":\"1 Main St\",\"lines\":[1,2]}");
        Object[] second = row("Zürich ✓ 東京 'single' \"double\"\nnext line", -42L, dec("-0.01"), false,
                LocalDate.of(1969, 7, 20), Instant.parse("1969-12-31T23:59:59Z"), LocalTime.MIDNIGHT, "[]");
        Object[] third = row("z", 0L, dec("0.00"), true, LocalDate.of(9999, 12, 31),
                Instant.parse("2100-01-01T00:00:00.000001Z"), LocalTime.of(23, 59, 59), "{}");
        Object[] fourth = row("tab\there, back\\slash, \\N, CR\r\nLF, 😀 é", Long.MIN_VALUE,
                dec("-98765432109876543210.000001"), false, LocalDate.of(1, 1, 1),
                Instant.parse("1900-01-01T00:00:00.5Z"), LocalTime.of(0, 0, 0, 1000), "{\"a\":\"\\t\"}");
        refresh(t, true, null, first, second, third, fourth);

        assertRows(t.id(), first, second, third, fourth);
        try (Stream<Object[]> rows = storage().data().rows(t.id())) {
            rows.forEach(r -> {
                for (int i = 0; i < r.length; i++) {
                    assertThat(r[i]).isInstanceOf(t.fields().get(i).type().javaType());
                }
            });
        }
    }

    @Test
    void nullValuesAreReadBackAsNull() {
        ConnectedTable t = define(typedTable());
        Object[] nulls = row("k", null, null, null, null, null, null, null);
        refresh(t, true, null, nulls);

        assertRows(t.id(), nulls);
    }

    // --- helpers

    /** Begins a refresh fenced by the table's lease, taken once per test and table. */
    private RefreshWriter begin(ConnectedTable table) {
        return storage().data().begin(table, lease(table));
    }

    private Lease lease(ConnectedTable table) {
        return leases.computeIfAbsent(table.id(), id -> storage().tryLease("tck-refresh:" + id.value(), "tck",
                StorageSamples.T0, LONG).orElseThrow());
    }

    private ConnectedTable define(ConnectedTable table) {
        storage().data().define(table);
        return table;
    }

    private RefreshCounts refresh(ConnectedTable table, boolean removeUnseen, Cursor next, Object[]... rows) {
        try (RefreshWriter writer = begin(table)) {
            for (Object[] values : rows) {
                writer.upsert(new Row(values.clone(), 0));
            }
            RefreshCounts counts = writer.prepare(removeUnseen);
            writer.commit(next, succeeded(table.id(), counts));
            return counts;
        }
    }

    private synchronized RefreshRun succeeded(TableId table, RefreshCounts counts) {
        runs++;
        return started(table + "-r-" + runs, table, runs).succeeded(ReadMode.FULL, at(runs).plusSeconds(5),
                counts, 1);
    }

    private void assertRows(TableId table, Object[]... expected) {
        assertThat(rows(table)).containsExactlyInAnyOrderElementsOf(normalized(expected));
        assertThat(storage().data().count(table)).isEqualTo(expected.length);
    }

    private List<List<Object>> rows(TableId table) {
        try (Stream<Object[]> rows = storage().data().rows(table)) {
            return rows.map(r -> Rows.normalized(r)).toList();
        }
    }

    private List<List<Object>> rows(ConnectedTable table) {
        try (Stream<Object[]> rows = storage().data().rows(table)) {
            return rows.map(r -> Rows.normalized(r)).toList();
        }
    }

    private static List<List<Object>> normalized(Object[]... rows) {
        List<List<Object>> result = new ArrayList<>();
        for (Object[] row : rows) {
            result.add(Rows.normalized(row));
        }
        return result;
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    /** The rows of one version of a table: the key range moves with the version, the amount is the version. */
    private static Object[][] version(int v, int size) {
        Object[][] rows = new Object[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = row("k" + (v + i), "row " + (v + i), BigDecimal.valueOf(v));
        }
        return rows;
    }

    private static ConnectedTable typedTable() {
        List<SourceField> fields = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            fields.add(new SourceField(type.name().toLowerCase(Locale.ROOT), type.name(), type,
                    type != FieldType.TEXT, type == FieldType.TEXT));
        }
        return table("t-typed").withFields(fields, List.of("text"));
    }
}
