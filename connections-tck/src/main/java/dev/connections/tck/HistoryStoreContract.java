package dev.connections.tck;

import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FailureKind;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.spi.storage.Storage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage#history() HistoryStore} must have: runs read back equal and replaced when saved
 * again, the newest first per table, the latest run with a status, the runs still running, and a table's history
 * deleted with it. A storage proves it with a test class that extends this suite and says how to make a fresh
 * storage:
 *
 * <pre>{@code
 * class MyHistoryStoreTest extends HistoryStoreContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; JUnit runs the tests of one instance on one thread.
 */
public abstract class HistoryStoreContract extends StorageFixture {

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected HistoryStoreContract() {
    }

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
        RefreshRun failure = started("r-2", t, 2).failed(at(3), FailureKind.UNAVAILABLE,
                "the service did not answer", 1);
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
    }}
