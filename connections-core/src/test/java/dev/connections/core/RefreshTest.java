package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ConnectionsException;
import dev.connections.api.FailureKind;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.spi.ConnectorException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefreshTest {

    private Fixture f;
    private Connection conn;

    @BeforeEach
    void setUp() {
        f = new Fixture();
        f.source.put("orders", "o1", "Ann", 120L, "open")
                .put("orders", "o2", "Bob", 80L, "open")
                .put("orders", "o3", "Cy", 300L, "won");
        conn = f.connection(PAM, "Acme");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ConnectedTable table(TableUpdates updates, Filter filter) {
        return f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(conn.id())
                .object("orders").fields("id", "customer", "amount", "status").filter(filter)
                .tableUpdates(updates).build());
    }

    @Test
    void firstRefreshIsFullAndAddsEveryMatchingRecord() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.field("amount").greaterThan(100));

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(run.mode()).isEqualTo(ReadMode.FULL);
        assertThat(run.counts()).isEqualTo(new RefreshCounts(2, 0, 0, 0));
        assertThat(run.apiCalls()).isEqualTo(1);
        assertThat(f.rows(t.id())).containsExactly("[o1, Ann, 120, open]", "[o3, Cy, 300, won]");
    }

    @Test
    void incrementalRefreshCountsAddedUpdatedAndRemoved() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        f.sdk.tables().refresh(PAM, t.id());
        f.source.put("orders", "o4", "Dee", 50L, "open").put("orders", "o1", "Ann", 125L, "open")
                .delete("orders", "o2");

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.mode()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(run.counts()).isEqualTo(new RefreshCounts(1, 1, 0, 1));
        assertThat(f.rows(t.id())).containsExactly("[o1, Ann, 125, open]", "[o3, Cy, 300, won]",
                "[o4, Dee, 50, open]");
    }

    @Test
    void keepLeavesDeletedRecordsInTheTable() {
        ConnectedTable t = table(TableUpdates.KEEP, Filter.all());
        f.sdk.tables().refresh(PAM, t.id());
        f.source.delete("orders", "o2");

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.counts().removed()).isZero();
        assertThat(f.rows(t.id())).contains("[o2, Bob, 80, open]");
    }

    @Test
    void recordEditedOutOfTheFilterLeavesTheTableOnAnIncrementalRefresh() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.field("status").equalTo("open"));
        f.sdk.tables().refresh(PAM, t.id());
        f.source.put("orders", "o1", "Ann", 120L, "lost");

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.mode()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(run.counts().removed()).isEqualTo(1);
        assertThat(f.rows(t.id())).containsExactly("[o2, Bob, 80, open]");
    }

    @Test
    void changingTheFilterMakesTheNextRefreshFullAndTheTableFollowsIt() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.field("status").equalTo("open"));
        f.sdk.tables().refresh(PAM, t.id());

        f.sdk.tables().updateFilter(PAM, t.id(), Filter.field("status").equalTo("won"));
        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.mode()).isEqualTo(ReadMode.FULL);
        assertThat(run.counts()).isEqualTo(new RefreshCounts(1, 0, 0, 2));
        assertThat(f.rows(t.id())).containsExactly("[o3, Cy, 300, won]");
    }

    @Test
    void changingFieldsRefreshKeyTableUpdatesOrConnectionMakesTheNextRefreshFull() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        Connection second = f.connection(PAM, "Acme again");
        List<Runnable> changes = List.of(
                () -> f.sdk.tables().updateFields(PAM, t.id(), List.of("id", "customer", "amount"), List.of()),
                () -> f.sdk.tables().updateFields(PAM, t.id(), List.of("id", "customer", "amount"),
                        List.of("id", "customer")),
                () -> f.sdk.tables().updateTableUpdates(PAM, t.id(), TableUpdates.KEEP),
                () -> f.sdk.tables().switchConnection(PAM, t.id(), second.id()));
        for (Runnable change : changes) {
            f.sdk.tables().refresh(PAM, t.id());
            assertThat(f.sdk.tables().refresh(PAM, t.id()).mode()).isEqualTo(ReadMode.INCREMENTAL);

            change.run();

            RefreshRun next = f.sdk.tables().refresh(PAM, t.id());
            assertThat(next.mode()).isEqualTo(ReadMode.FULL);
            assertThat(next.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        }
        assertThat(f.rows(t.id())).containsExactly("[o1, Ann, 120]", "[o2, Bob, 80]", "[o3, Cy, 300]");
    }

    @Test
    void aFieldKeptAsTextCanBeDroppedLater() {
        ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Amounts as text")
                .connection(conn.id()).object("orders").fields("id", "amount", "status").textField("amount").build());

        ConnectedTable changed = f.sdk.tables().updateFields(PAM, t.id(), List.of("id", "status"), List.of());

        assertThat(changed.fieldNames()).containsExactly("id", "status");
    }

    @Test
    void refreshThatFailsMidwayLeavesTableUnchanged() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        f.sdk.tables().refresh(PAM, t.id());
        List<String> before = f.rows(t.id());
        f.source.put("orders", "o5", "Eve", 10L, "open").put("orders", "o6", "Fay", 11L, "open");
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.UNAVAILABLE,
                "The service is down; try again later."));

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(run.message()).isEqualTo("The service is down; try again later.");
        assertThat(f.rows(t.id())).isEqualTo(before);
        RefreshRun next = f.sdk.tables().refresh(PAM, t.id());
        assertThat(next.counts().added()).isEqualTo(2);
    }

    @Test
    void everyRefreshLeavesAHistoryEntryNewestFirst() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        f.sdk.tables().refresh(PAM, t.id());
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.PERMISSION, "No API access."));
        f.sdk.tables().refresh(PAM, t.id());

        List<RefreshRun> history = f.sdk.tables().history(PAM, t.id(), 10);

        assertThat(history).extracting(RefreshRun::status)
                .containsExactly(RefreshStatus.FAILED, RefreshStatus.SUCCEEDED);
        assertThat(history.get(0).message()).isEqualTo("No API access.");
        assertThat(history.get(1).finishedAt()).isNotNull();
    }

    @Test
    void duplicateRefreshKeyFailsTheRefreshAndNamesTheValue() {
        ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("By customer")
                .connection(conn.id()).object("orders").fields("id", "customer", "status").refreshKey("status")
                .build());

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.INVALID_DATA);
        assertThat(run.message()).contains("orders").contains("[open]").contains("more than once");
        assertThat(f.rows(t.id())).isEmpty();
    }

    @Test
    void aDuplicateRefreshKeyOfASourceWithoutLinesIsNotReadAgain() {
        ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("By customer")
                .connection(conn.id()).object("orders").fields("id", "customer", "status").refreshKey("status")
                .build());
        int before = f.source.reads;

        f.sdk.tables().refresh(PAM, t.id());

        assertThat(f.source.reads - before).isEqualTo(1);
    }

    @Test
    void blankRefreshKeyFailsTheRefreshAndNamesTheField() {
        f.source.put("orders", "o9", "", 5L, "open");
        ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("By customer")
                .connection(conn.id()).object("orders").fields("id", "customer").refreshKey("customer").build());

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.message()).contains("refresh key field 'customer' is blank");
    }

    @Test
    void listenerHearsStartedAndFinished() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());

        f.sdk.tables().refresh(PAM, t.id());

        assertThat(f.events).hasAtLeastOneElementOfType(ConnectionsEvent.RefreshStarted.class)
                .hasAtLeastOneElementOfType(ConnectionsEvent.RefreshFinished.class);
    }

    @Test
    void listenerHearsAFailure() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "down"));

        f.sdk.tables().refresh(PAM, t.id());

        assertThat(f.events).filteredOn(e -> e instanceof ConnectionsEvent.RefreshFailed).hasSize(1);
    }

    @Test
    void refusedCredentialsMarkTheConnectionForReauthorization() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.AUTHENTICATION,
                "The token expired: reauthorize the connection."));

        RefreshRun run = f.sdk.tables().refresh(PAM, t.id());

        assertThat(run.failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
        assertThat(f.sdk.connections().get(PAM, conn.id()).status())
                .isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
        assertThat(f.events).anyMatch(e -> e instanceof ConnectionsEvent.ConnectionStatusChanged c
                && c.to() == ConnectionStatus.NEEDS_REAUTHORIZATION);
        RefreshRun next = f.sdk.tables().refresh(PAM, t.id());
        assertThat(next.message()).contains("needs reauthorization");
    }

    @Test
    void refreshOfAnUnknownTableIsNotFound() {
        assertThatThrownBy(() -> f.sdk.tables().refresh(PAM, dev.connections.api.TableId.of("t-nope")))
                .isInstanceOf(ConnectionsException.class)
                .extracting(e -> ((ConnectionsException) e).reason())
                .isEqualTo(ConnectionsException.Reason.NOT_FOUND);
    }

    @Test
    void detailsShowTheLastRefreshAndRowCount() {
        ConnectedTable t = table(TableUpdates.REMOVE, Filter.all());
        f.sdk.tables().refresh(PAM, t.id());

        var details = f.sdk.tables().details(PAM, t.id());

        assertThat(details.service()).isEqualTo("memory");
        assertThat(details.connectionName()).isEqualTo("Acme");
        assertThat(details.connectionOwner()).isEqualTo(PAM);
        assertThat(details.rowCount()).isEqualTo(3);
        assertThat(details.lastRefresh().status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(details.nextRefreshAt()).isNull();
    }
}
