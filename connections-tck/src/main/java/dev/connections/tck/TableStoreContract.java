package dev.connections.tck;

import static dev.connections.tck.StorageSamples.COLUMNS;
import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.detailedTable;
import static dev.connections.tck.StorageSamples.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.storage.DueRefresh;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.TableNameTakenException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage#tables() TableStore} must have: definitions read back equal (filters and
 * schedules included), ids unique, names unique per app and creator whatever their case, and the agenda of due
 * times with its compare-and-set {@code moveDue}. Times are given explicitly, so no test waits. A storage proves it
 * with a test class that extends this suite and says how to make a fresh storage:
 *
 * <pre>{@code
 * class MyTableStoreTest extends TableStoreContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; JUnit runs the tests of one instance on one thread. One test
 * sets the default locale to Turkish for its duration.
 */
public abstract class TableStoreContract extends StorageFixture {

    /** The creator of the sample tables. */
    private static final Principal CREATOR = table("t-0").createdBy();

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected TableStoreContract() {
    }

    // --- definitions

    @Test
    void anInsertedTableIsReadBackEqualWithItsFilterAndSchedule() {
        ConnectedTable plain = table("t-1");
        ConnectedTable detailed = detailedTable("t-2");
        storage().tables().insert(plain);
        storage().tables().insert(detailed);

        assertThat(storage().tables().get(plain.id())).contains(plain);
        assertThat(storage().tables().get(detailed.id())).contains(detailed);
    }

    @Test
    void everyKindOfScheduleIsReadBackEqual() {
        List<RefreshSchedule> schedules = List.of(RefreshSchedule.manual(), RefreshSchedule.everyHours(4),
                RefreshSchedule.every(Duration.ofMinutes(90)),
                RefreshSchedule.daily(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin")),
                RefreshSchedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(23, 45), ZoneId.of("America/New_York")));
        for (int i = 0; i < schedules.size(); i++) {
            storage().tables().insert(table("t-" + i, "c-1", i).withSchedule(schedules.get(i)));
        }

        assertThat(storage().tables().all()).extracting(ConnectedTable::schedule).containsExactlyElementsOf(schedules);
    }

    @Test
    void anUnknownTableIsNotFound() {
        assertThat(storage().tables().get(TableId.of("t-none"))).isEmpty();
    }

    @Test
    void insertingATableWithAnExistingIdFailsAndKeepsTheFirst() {
        ConnectedTable first = table("t-1");
        storage().tables().insert(first);

        assertThatThrownBy(() -> storage().tables().insert(first.withTableUpdates(TableUpdates.KEEP)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage().tables().get(first.id())).contains(first);
    }

    @Test
    void updateReplacesTheDefinition() {
        ConnectedTable original = table("t-1");
        storage().tables().insert(original);
        ConnectedTable changed = original.withConnection(ConnectionId.of("c-2"))
                .withFilter(Filter.parse("name STARTS WITH 'A' OR amount < -3.5"))
                .withTableUpdates(TableUpdates.KEEP)
                .withSchedule(RefreshSchedule.everyHours(12))
                .withFields(List.of(COLUMNS.get(0), COLUMNS.get(2)), List.of("id"));
        storage().tables().update(changed);

        assertThat(storage().tables().get(original.id())).contains(changed);
    }

    @Test
    void updatingAnUnknownTableFails() {
        assertThatThrownBy(() -> storage().tables().update(table("t-1"))).isInstanceOf(IllegalStateException.class);
        assertThat(storage().tables().all()).isEmpty();
    }

    @Test
    void allListsEveryTableOldestFirst() {
        ConnectedTable second = table("t-2", "c-1", 2);
        ConnectedTable first = table("t-1", "c-2", 1);
        storage().tables().insert(second);
        storage().tables().insert(first);

        assertThat(storage().tables().all()).containsExactly(first, second);
    }

    @Test
    void byConnectionListsTheTablesOfOneConnectionOldestFirst() {
        ConnectedTable later = table("t-1", "c-1", 5);
        ConnectedTable other = table("t-2", "c-2", 1);
        ConnectedTable earlier = table("t-3", "c-1", 2);
        storage().tables().insert(later);
        storage().tables().insert(other);
        storage().tables().insert(earlier);

        assertThat(storage().tables().byConnection(ConnectionId.of("c-1"))).containsExactly(earlier, later);
        assertThat(storage().tables().byConnection(ConnectionId.of("c-9"))).isEmpty();
    }

    @Test
    void deleteRemovesATableAndIgnoresUnknownIds() {
        ConnectedTable kept = table("t-1", "c-1", 1);
        ConnectedTable deleted = table("t-2", "c-1", 2);
        storage().tables().insert(kept);
        storage().tables().insert(deleted);

        storage().tables().delete(deleted.id());
        storage().tables().delete(TableId.of("t-none"));

        assertThat(storage().tables().get(deleted.id())).isEmpty();
        assertThat(storage().tables().all()).containsExactly(kept);
    }

    @Test
    void byNameFindsATableWhateverTheCaseOfTheName() {
        ConnectedTable orders = named("t-1", "sales", "Orders");
        storage().tables().insert(orders);

        assertThat(storage().tables().byName("sales", CREATOR, "Orders")).contains(orders);
        assertThat(storage().tables().byName("sales", CREATOR, "ORDERS")).contains(orders);
        assertThat(storage().tables().byName("sales", CREATOR, "orders")).contains(orders);
    }

    @Test
    void byNameLooksInTheGivenAppOnly() {
        ConnectedTable sales = named("t-1", "sales", "Orders");
        ConnectedTable support = named("t-2", "support", "ORDERS");
        storage().tables().insert(sales);
        storage().tables().insert(support);

        assertThat(storage().tables().byName("support", CREATOR, "orders")).contains(support);
        assertThat(storage().tables().byName("sales", CREATOR, "orders")).contains(sales);
        assertThat(storage().tables().byName("finance", CREATOR, "Orders")).isEmpty();
    }

    @Test
    void aSecondTableOfOneCreatorWithTheSameNameInTheAppIsRefusedAndTheFirstKept() {
        ConnectedTable orders = named("t-1", "sales", "Orders");
        storage().tables().insert(orders);

        assertThatThrownBy(() -> storage().tables().insert(named("t-2", "sales", "ORDERS"), at(5)))
                .isInstanceOf(TableNameTakenException.class);
        assertThat(storage().tables().get(TableId.of("t-2"))).isEmpty();
        assertThat(storage().tables().due(TableId.of("t-2"))).isEmpty();
        assertThat(storage().tables().byName("sales", CREATOR, "orders")).contains(orders);
        storage().tables().insert(by(named("t-3", "sales", "Orders"), Principal.of("jim")));
        storage().tables().insert(named("t-4", "support", "Orders"));
        assertThat(storage().tables().all()).hasSize(3);
    }

    @Test
    void byNameLooksAmongOneCreatorsTablesOnly() {
        ConnectedTable pams = named("t-1", "sales", "Orders");
        storage().tables().insert(pams);
        ConnectedTable jims = by(named("t-2", "sales", "ORDERS"), Principal.of("jim"));
        storage().tables().insert(jims);

        assertThat(storage().tables().byName("sales", CREATOR, "orders")).contains(pams);
        assertThat(storage().tables().byName("sales", Principal.of("jim"), "orders")).contains(jims);
        assertThat(storage().tables().byName("sales", Principal.of("kim"), "orders")).isEmpty();
    }

    @Test
    void byNameIsEmptyWhenTheAppHasNoTableOfThatName() {
        storage().tables().insert(named("t-1", "sales", "Orders"));

        assertThat(storage().tables().byName("sales", CREATOR, "Order")).isEmpty();
        assertThat(storage().tables().byName("sales", CREATOR, "Orders 2")).isEmpty();
        assertThat(storage().tables().byName("sales", CREATOR, "")).isEmpty();
    }

    @Test
    void byNameFindsATableByTheNameAnUpdateGaveIt() {
        ConnectedTable original = named("t-1", "sales", "Orders");
        storage().tables().insert(original);
        ConnectedTable renamed = named("t-1", "sales", "Invoices");
        storage().tables().update(renamed);

        assertThat(storage().tables().byName("sales", CREATOR, "INVOICES")).contains(renamed);
        assertThat(storage().tables().byName("sales", CREATOR, "Orders")).isEmpty();
    }

    @Test
    void byNameComparesTurkishDottedAndDotlessIAsEqualsIgnoreCaseDoes() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            ConnectedTable turkish = named("t-1", "sales", "İade Kayıtları");
            ConnectedTable english = named("t-2", "sales", "Invoices");
            storage().tables().insert(turkish);
            storage().tables().insert(english);

            for (String name : List.of("iade kayitlari", "IADE KAYITLARI", "İADE KAYİTLARİ", "ıade kayıtları")) {
                assertThat(name.equalsIgnoreCase(turkish.name())).as(name).isTrue();
                assertThat(storage().tables().byName("sales", CREATOR, name)).as(name).contains(turkish);
            }
            assertThat(storage().tables().byName("sales", CREATOR, "INVOICES")).contains(english);
            assertThat(storage().tables().byName("sales", CREATOR, "ınvoıces")).contains(english);
        } finally {
            Locale.setDefault(before);
        }
    }
    // --- due times of scheduled refreshes

    @Test
    void aTableInsertedWithADueTimeIsDueThen() {
        storage().tables().insert(table("t-1"), at(5));

        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(5));
    }

    @Test
    void aTableInsertedWithoutADueTimeIsNeverDue() {
        storage().tables().insert(table("t-1"));
        storage().tables().insert(table("t-2"), null);

        assertThat(storage().tables().due(TableId.of("t-1"))).isEmpty();
        assertThat(storage().tables().due(TableId.of("t-2"))).isEmpty();
        assertThat(storage().tables().dueBy(at(1_000_000), 10)).isEmpty();
    }

    @Test
    void anUnknownTableIsNotDue() {
        assertThat(storage().tables().due(TableId.of("t-none"))).isEmpty();
    }

    @Test
    void updateKeepsTheDueTime() {
        ConnectedTable original = table("t-1");
        storage().tables().insert(original, at(5));

        storage().tables().update(original.withSchedule(RefreshSchedule.everyHours(2)));

        assertThat(storage().tables().due(original.id())).contains(at(5));
    }

    @Test
    void setDueChangesTheDueTime() {
        storage().tables().insert(table("t-1"), at(5));
        storage().tables().insert(table("t-2"));

        storage().tables().setDue(TableId.of("t-1"), at(2));
        storage().tables().setDue(TableId.of("t-2"), at(7));

        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(2));
        assertThat(storage().tables().due(TableId.of("t-2"))).contains(at(7));
    }

    @Test
    void setDueToNullClearsTheDueTime() {
        storage().tables().insert(table("t-1"), at(5));

        storage().tables().setDue(TableId.of("t-1"), null);

        assertThat(storage().tables().due(TableId.of("t-1"))).isEmpty();
        assertThat(storage().tables().earliestDue()).isEmpty();
    }

    @Test
    void setDueOfAnUnknownTableDoesNothing() {
        storage().tables().setDue(TableId.of("t-none"), at(5));

        assertThat(storage().tables().due(TableId.of("t-none"))).isEmpty();
        assertThat(storage().tables().all()).isEmpty();
        assertThat(storage().tables().earliestDue()).isEmpty();
    }

    @Test
    void dueByReturnsOnlyTheTablesDueAtOrBeforeNow() {
        storage().tables().insert(table("t-1"), at(1));
        storage().tables().insert(table("t-2"), at(3));
        storage().tables().insert(table("t-3"), at(3).plusMillis(1));
        storage().tables().insert(table("t-4"));

        assertThat(storage().tables().dueBy(at(3), 10)).containsExactly(
                new DueRefresh(TableId.of("t-1"), at(1)), new DueRefresh(TableId.of("t-2"), at(3)));
        assertThat(storage().tables().dueBy(at(0), 10)).isEmpty();
    }

    @Test
    void dueByListsTheEarliestDueFirstAndTiesByTableId() {
        storage().tables().insert(table("t-3"), at(2));
        storage().tables().insert(table("t-4"), at(1));
        storage().tables().insert(table("t-1"), at(2));
        storage().tables().insert(table("t-2"), at(2));

        assertThat(storage().tables().dueBy(at(2), 10)).extracting(d -> d.table().value())
                .containsExactly("t-4", "t-1", "t-2", "t-3");
    }

    @Test
    void dueByReturnsAtMostTheLimit() {
        for (int i = 1; i <= 5; i++) {
            storage().tables().insert(table("t-" + i), at(10 - i));
        }

        assertThat(storage().tables().dueBy(at(10), 2)).containsExactly(
                new DueRefresh(TableId.of("t-5"), at(5)), new DueRefresh(TableId.of("t-4"), at(6)));
        assertThat(storage().tables().dueBy(at(10), 1)).extracting(DueRefresh::table)
                .containsExactly(TableId.of("t-5"));
    }

    @Test
    void earliestDueIsTheEarliestDueTimeOfAllTables() {
        storage().tables().insert(table("t-1"), at(4));
        storage().tables().insert(table("t-2"), at(2));
        storage().tables().insert(table("t-3"));

        assertThat(storage().tables().earliestDue()).contains(at(2));
    }

    @Test
    void earliestDueIsEmptyWhenNoTableIsDue() {
        assertThat(storage().tables().earliestDue()).isEmpty();

        storage().tables().insert(table("t-1"));

        assertThat(storage().tables().earliestDue()).isEmpty();
    }

    @Test
    void moveDueMovesTheDueTimeFromTheExpectedOne() {
        storage().tables().insert(table("t-1"), at(1));

        assertThat(storage().tables().moveDue(TableId.of("t-1"), at(1), at(5))).isTrue();

        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(5));
    }

    @Test
    void moveDueFromADueTimeReadBackWorks() {
        storage().tables().insert(table("t-1"), at(1));
        DueRefresh due = storage().tables().dueBy(at(1), 1).get(0);

        assertThat(storage().tables().moveDue(due.table(), due.at(), at(5))).isTrue();

        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(5));
    }

    @Test
    void aSecondMoveFromTheSameExpectedDueTimeFails() {
        storage().tables().insert(table("t-1"), at(1));
        storage().tables().moveDue(TableId.of("t-1"), at(1), at(5));

        assertThat(storage().tables().moveDue(TableId.of("t-1"), at(1), at(9))).isFalse();

        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(5));
    }

    @Test
    void moveDueFromAnotherThanTheStoredDueTimeFails() {
        storage().tables().insert(table("t-1"), at(1));

        assertThat(storage().tables().moveDue(TableId.of("t-1"), at(1).plusMillis(1), at(5))).isFalse();

        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(1));
    }

    @Test
    void ofSeveralThreadsMovingTheSameDueTimeAtOnceExactlyOneSucceeds() {
        storage().tables().insert(table("t-1"), at(1));

        List<Boolean> moved = onThreadsAtOnce(8,
                n -> storage().tables().moveDue(TableId.of("t-1"), at(1), at(10 + n)));

        assertThat(moved).containsOnlyOnce(true);
        assertThat(storage().tables().due(TableId.of("t-1"))).contains(at(10 + moved.indexOf(true)));
    }

    @Test
    void moveDueToNullClearsTheDueTime() {
        storage().tables().insert(table("t-1"), at(1));

        assertThat(storage().tables().moveDue(TableId.of("t-1"), at(1), null)).isTrue();

        assertThat(storage().tables().due(TableId.of("t-1"))).isEmpty();
        assertThat(storage().tables().dueBy(at(10), 10)).isEmpty();
    }

    @Test
    void moveDueOfATableWithoutADueTimeFails() {
        storage().tables().insert(table("t-1"));

        assertThat(storage().tables().moveDue(TableId.of("t-1"), at(1), at(5))).isFalse();

        assertThat(storage().tables().due(TableId.of("t-1"))).isEmpty();
    }

    @Test
    void moveDueOfAMissingTableReturnsFalse() {
        assertThat(storage().tables().moveDue(TableId.of("t-none"), at(1), at(5))).isFalse();

        assertThat(storage().tables().due(TableId.of("t-none"))).isEmpty();
        assertThat(storage().tables().earliestDue()).isEmpty();
    }

    @Test
    void deleteRemovesTheDueTime() {
        storage().tables().insert(table("t-1"), at(1));

        storage().tables().delete(TableId.of("t-1"));

        assertThat(storage().tables().due(TableId.of("t-1"))).isEmpty();
        assertThat(storage().tables().dueBy(at(10), 10)).isEmpty();
        assertThat(storage().tables().earliestDue()).isEmpty();
    }

    /** The given table, created by someone else. */
    private static ConnectedTable by(ConnectedTable t, Principal creator) {
        return new ConnectedTable(t.id(), t.app(), t.name(), t.connection(), t.service(), t.object(), t.fields(),
                t.refreshKey(), t.filter(), t.tableUpdates(), t.schedule(), creator, t.createdAt());
    }

    /** The usual sample table with another app and name. */
    private static ConnectedTable named(String id, String app, String name) {
        ConnectedTable t = table(id);
        return new ConnectedTable(t.id(), app, name, t.connection(), t.service(), t.object(), t.fields(),
                t.refreshKey(), t.filter(), t.tableUpdates(), t.schedule(), t.createdBy(), t.createdAt());
    }
}
