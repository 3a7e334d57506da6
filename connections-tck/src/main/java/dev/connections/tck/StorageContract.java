package dev.connections.tck;

import dev.connections.api.ReadMode;
import static dev.connections.tck.StorageSamples.COLUMNS;
import static dev.connections.tck.StorageSamples.T0;
import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.connection;
import static dev.connections.tck.StorageSamples.detailedTable;
import static dev.connections.tck.StorageSamples.fullConnection;
import static dev.connections.tck.StorageSamples.started;
import static dev.connections.tck.StorageSamples.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.FailureKind;
import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.api.TestResult;
import dev.connections.spi.storage.DueRefresh;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredConnection;
import dev.connections.spi.storage.TableNameTakenException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage} must have. A storage proves it with a small test class that extends this one:
 *
 * <pre>{@code
 * class InMemoryStorageContractTest extends StorageContract {
 *     protected Storage createStorage() { return new InMemoryStorage(); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty storage from {@link #createStorage()}, which must not return null, and closes it
 * afterwards. Times are given to the storage explicitly, so no test waits. The tests of connections, tables (with
 * their lookup by name and the due times of their scheduled refreshes), history and leases are here; those of the
 * rows of tables come from {@link TableDataContract}. JUnit runs the tests of one instance on one thread; one test
 * sets the default locale to Turkish for its duration.
 */
public abstract class StorageContract extends TableDataContract {

    // --- connections

    @Test
    void anInsertedConnectionIsReadBackEqual() {
        StoredConnection plain = connection("c-1", "pam", "csv", null, 0);
        StoredConnection full = fullConnection("c-2");
        storage().connections().insert(plain);
        storage().connections().insert(full);

        assertThat(storage().connections().get(plain.id())).contains(plain);
        assertThat(storage().connections().get(full.id())).contains(full);
    }

    @Test
    void anySealedFindsAConnectionWithStoredSecretsOnly() {
        storage().connections().insert(connection("c-1", "pam", "csv", null, 0));
        assertThat(storage().connections().anySealed()).isEmpty();

        StoredConnection sealed = connection("c-2", "pam", "csv", null, 1).withSecrets(new byte[] {1, 2, 3});
        storage().connections().insert(sealed);

        assertThat(storage().connections().anySealed()).contains(sealed);
    }

    @Test
    void anUnknownConnectionIsNotFound() {
        assertThat(storage().connections().get(ConnectionId.of("c-none"))).isEmpty();
    }

    @Test
    void insertingAConnectionWithAnExistingIdFailsAndKeepsTheFirst() {
        StoredConnection first = connection("c-1", "pam", "csv", "/srv", 0);
        storage().connections().insert(first);

        assertThatThrownBy(() -> storage().connections().insert(first.withName("Another")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage().connections().get(first.id())).contains(first);
    }

    @Test
    void secretsAreKeptByteForByte() {
        byte[] secrets = new byte[256];
        for (int i = 0; i < secrets.length; i++) {
            secrets[i] = (byte) i;
        }
        StoredConnection connection = connection("c-1", "pam", "csv", null, 0).withSecrets(secrets);
        storage().connections().insert(connection);

        assertThat(storage().connections().get(connection.id()).orElseThrow().secrets()).containsExactly(secrets);
    }

    @Test
    void updateReplacesTheStoredConnection() {
        StoredConnection original = connection("c-1", "pam", "quickbooks", null, 0);
        storage().connections().insert(original);
        StoredConnection changed = original.withName("Renamed")
                .withTest(new TestResult(at(5), false, null, "reauthorize the connection"), "123")
                .withStatus(ConnectionStatus.NEEDS_REAUTHORIZATION, "the refresh token was revoked")
                .withSecrets(new byte[] {9, 8, 7});
        storage().connections().update(changed);

        assertThat(storage().connections().get(original.id())).contains(changed);
    }

    @Test
    void updatingAnUnknownConnectionFails() {
        assertThatThrownBy(() -> storage().connections().update(connection("c-1", "pam", "csv", null, 0)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage().connections().get(ConnectionId.of("c-1"))).isEmpty();
    }

    @Test
    void byOwnerListsTheOwnersConnectionsOldestFirst() {
        StoredConnection second = connection("c-2", "pam", "csv", null, 2);
        StoredConnection jims = connection("c-3", "jim", "csv", null, 3);
        StoredConnection first = connection("c-1", "pam", "salesforce", null, 1);
        storage().connections().insert(second);
        storage().connections().insert(jims);
        storage().connections().insert(first);

        assertThat(storage().connections().byOwner(Principal.of("pam"))).containsExactly(first, second);
        assertThat(storage().connections().byOwner(Principal.of("dwight"))).isEmpty();
    }

    @Test
    void byAccountListsConnectionsOfEveryOwnerToThatAccountOldestFirst() {
        StoredConnection pams = connection("c-1", "pam", "quickbooks", "realm-1", 1);
        StoredConnection jims = connection("c-2", "jim", "quickbooks", "realm-1", 2);
        StoredConnection otherRealm = connection("c-3", "jim", "quickbooks", "realm-2", 3);
        StoredConnection otherService = connection("c-4", "pam", "salesforce", "realm-1", 4);
        for (StoredConnection c : List.of(jims, otherService, pams, otherRealm)) {
            storage().connections().insert(c);
        }

        assertThat(storage().connections().byAccount("quickbooks", "realm-1")).containsExactly(pams, jims);
        assertThat(storage().connections().byAccount("quickbooks", "realm-9")).isEmpty();
    }

    @Test
    void deleteRemovesAConnectionAndIgnoresUnknownIds() {
        StoredConnection kept = connection("c-1", "pam", "csv", null, 1);
        StoredConnection deleted = connection("c-2", "pam", "csv", null, 2);
        storage().connections().insert(kept);
        storage().connections().insert(deleted);

        storage().connections().delete(deleted.id());
        storage().connections().delete(ConnectionId.of("c-none"));

        assertThat(storage().connections().get(deleted.id())).isEmpty();
        assertThat(storage().connections().byOwner(Principal.of("pam"))).containsExactly(kept);
    }

    // --- tables

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

    // --- history

    @Test
    void aSavedRunIsReadBackEqual() {
        TableId t = TableId.of("t-1");
        RefreshRun failed = started("r-1", t, 0).failed(at(1), FailureKind.INVALID_DATA,
                "orders.csv line 1042: unclosed quote", 3);
        storage().history().save(failed);

        assertThat(storage().history().recent(t, 10)).containsExactly(failed);
    }

    @Test
    void savingARunAgainReplacesIt() {
        TableId t = TableId.of("t-1");
        RefreshRun running = started("r-1", t, 0);
        storage().history().save(running);
        RefreshRun done = running.succeeded(ReadMode.INCREMENTAL, at(2), new RefreshCounts(3, 1, 2, 4), 17);
        storage().history().save(done);

        assertThat(storage().history().recent(t, 10)).containsExactly(done);
    }

    @Test
    void recentListsTheNewestRunsFirstUpToTheLimit() {
        TableId t = TableId.of("t-1");
        for (int minute : new int[] {2, 0, 4, 1, 3}) {
            storage().history().save(started("r-" + minute, t, minute));
        }

        assertThat(storage().history().recent(t, 3)).extracting(RefreshRun::id).containsExactly("r-4", "r-3", "r-2");
        assertThat(storage().history().recent(t, 10)).hasSize(5);
    }

    @Test
    void recentListsOnlyTheRunsOfThatTable() {
        RefreshRun mine = started("r-1", TableId.of("t-1"), 0);
        storage().history().save(mine);
        storage().history().save(started("r-2", TableId.of("t-2"), 1));

        assertThat(storage().history().recent(TableId.of("t-1"), 10)).containsExactly(mine);
        assertThat(storage().history().recent(TableId.of("t-3"), 10)).isEmpty();
    }

    @Test
    void latestFindsTheNewestRunWithAStatus() {
        TableId t = TableId.of("t-1");
        RefreshRun oldSuccess = started("r-1", t, 0).succeeded(ReadMode.FULL, at(1), RefreshCounts.NONE, 1);
        RefreshRun failure = started("r-2", t, 2).failed(at(3), FailureKind.UNAVAILABLE, "the service did not answer", 1);
        RefreshRun newSuccess = started("r-3", t, 4).succeeded(ReadMode.FULL, at(5), RefreshCounts.NONE, 1);
        RefreshRun running = started("r-4", t, 6);
        for (RefreshRun run : List.of(newSuccess, running, oldSuccess, failure)) {
            storage().history().save(run);
        }

        assertThat(storage().history().latest(t, RefreshStatus.SUCCEEDED)).contains(newSuccess);
        assertThat(storage().history().latest(t, RefreshStatus.FAILED)).contains(failure);
        assertThat(storage().history().latest(t, RefreshStatus.RUNNING)).contains(running);
        assertThat(storage().history().latest(TableId.of("t-2"), RefreshStatus.SUCCEEDED)).isEmpty();
    }

    @Test
    void runningListsTheRunsStillRunningOfEveryTable() {
        RefreshRun first = started("r-1", TableId.of("t-1"), 0);
        RefreshRun second = started("r-2", TableId.of("t-2"), 1);
        storage().history().save(first);
        storage().history().save(second);
        storage().history().save(started("r-3", TableId.of("t-1"), 2)
                .succeeded(ReadMode.FULL, at(3), RefreshCounts.NONE, 0));
        assertThat(storage().history().running()).containsExactlyInAnyOrder(first, second);

        storage().history().save(first.failed(at(4), FailureKind.UNAVAILABLE, "interrupted by a restart", 0));
        assertThat(storage().history().running()).containsExactly(second);
    }

    @Test
    void deleteTableRemovesTheHistoryOfThatTableOnly() {
        TableId deleted = TableId.of("t-1");
        RefreshRun kept = started("r-2", TableId.of("t-2"), 1);
        storage().history().save(started("r-1", deleted, 0));
        storage().history().save(kept);

        storage().history().deleteTable(deleted);
        storage().history().deleteTable(TableId.of("t-none"));

        assertThat(storage().history().recent(deleted, 10)).isEmpty();
        assertThat(storage().history().running()).containsExactly(kept);
    }

    // --- leases

    @Test
    void aLeaseExcludesOtherHoldersUntilItExpires() {
        Duration ttl = Duration.ofSeconds(60);
        Optional<Lease> lease = storage().tryLease("refresh:t-1", "node-a", T0, ttl);

        assertThat(lease).isPresent();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(59), ttl)).isEmpty();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(61), ttl)).isPresent();
    }

    @Test
    void aLeaseNamesItsHolderAndExpiry() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(lease.name()).isEqualTo("refresh:t-1");
        assertThat(lease.holder()).isEqualTo("node-a");
        assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theHolderMayTakeItsLeaseAgain() {
        storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        Optional<Lease> again = storage().tryLease("refresh:t-1", "node-a", T0.plusSeconds(10), Duration.ofSeconds(60));

        assertThat(again).isPresent();
        assertThat(again.get().expiresAt()).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void renewExtendsTheLease() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(lease.renew(T0.plusSeconds(50), Duration.ofSeconds(60))).isTrue();

        assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(110));
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(100), Duration.ofSeconds(60))).isEmpty();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(111), Duration.ofSeconds(60)))
                .isPresent();
    }

    @Test
    void closingALeaseReleasesIt() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        lease.close();

        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(1), Duration.ofSeconds(60)))
                .isPresent();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsOldHolderCannotRenewIt() {
        Lease old = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
        storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(61), Duration.ofSeconds(60)).orElseThrow();

        assertThat(old.renew(T0.plusSeconds(62), Duration.ofSeconds(60))).isFalse();
        assertThat(storage().tryLease("refresh:t-1", "node-a", T0.plusSeconds(63), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void closingALostLeaseLeavesItWithTheNewHolder() {
        Lease old = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
        storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(61), Duration.ofSeconds(60)).orElseThrow();

        old.close();

        assertThat(storage().tryLease("refresh:t-1", "node-c", T0.plusSeconds(62), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void anExpiredLeaseThatNobodyTookMayStillBeRenewed() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(lease.renew(T0.plusSeconds(90), Duration.ofSeconds(60))).isTrue();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(120), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void leasesWithOtherNamesAreIndependent() {
        storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(storage().tryLease("refresh:t-2", "node-b", T0, Duration.ofSeconds(60))).isPresent();
    }

    /** The usual sample table with another app and name. */
    /** The creator of the sample tables. */
    private static final Principal CREATOR = table("t-0").createdBy();

    private static ConnectedTable by(ConnectedTable t, Principal creator) {
        return new ConnectedTable(t.id(), t.app(), t.name(), t.connection(), t.service(), t.object(), t.fields(),
                t.refreshKey(), t.filter(), t.tableUpdates(), t.schedule(), creator, t.createdAt());
    }

    private static ConnectedTable named(String id, String app, String name) {
        ConnectedTable t = table(id);
        return new ConnectedTable(t.id(), app, name, t.connection(), t.service(), t.object(), t.fields(),
                t.refreshKey(), t.filter(), t.tableUpdates(), t.schedule(), t.createdBy(), t.createdAt());
    }
}
