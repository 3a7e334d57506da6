package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.spi.storage.HistoryStore;
import dev.connections.spi.storage.TableData;
import dev.connections.tck.ForwardingStorage;
import dev.connections.tck.ForwardingTableData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change of a table's definition, or its deletion, that stops half-way (the process dies between two storage
 * calls, simulated by a storage that fails at one of them) leaves a table that refreshes correctly afterwards: the
 * next refresh follows the stored definition, whatever the rows' storage was last defined with.
 */
class DefinitionCrashTest {

    private final CrashingStorage storage = new CrashingStorage();
    private Fixture f;
    private ConnectedTable table;

    @BeforeEach
    void setUp() {
        f = new Fixture(Connections.builder().storage(storage));
        f.source.put("orders", "o1", "Ann", 120L, "open")
                .put("orders", "o2", "Bob", 80L, "open");
        Connection conn = f.connection(PAM, "Acme");
        table = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(conn.id())
                .object("orders").fields("id", "customer", "amount", "status").tableUpdates(TableUpdates.REMOVE)
                .build());
        assertThat(f.sdk.tables().refresh(PAM, table.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        f.source.put("orders", "o3", "Cy", 300L, "won");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aFieldChangeThatStoppedAfterTheDataWasDefinedLeavesATableThatRefreshes() {
        storage.crashAfter.set("define");

        assertThatThrownBy(() -> f.sdk.tables().updateFields(PAM, table.id(), List.of("id", "customer"), List.of()))
                .hasMessageContaining("crashed after define");
        // until the next refresh, a host reads rows aligned with the stored definition, not with the storage's layout
        assertThat(f.rows(table.id())).containsExactly("[o1, Ann, null, null]", "[o2, Bob, null, null]");

        assertRefreshedAsStored(table.id(), "[o1, Ann, 120, open]", "[o2, Bob, 80, open]", "[o3, Cy, 300, won]");
    }

    @Test
    void aRefreshKeyChangeThatStoppedAfterTheDataWasDefinedLeavesATableThatRefreshes() {
        storage.crashAfter.set("define");

        assertThatThrownBy(() -> f.sdk.tables().updateFields(PAM, table.id(), List.of("id", "customer", "amount",
                "status"), List.of("customer"))).hasMessageContaining("crashed after define");

        assertRefreshedAsStored(table.id(), "[o1, Ann, 120, open]", "[o2, Bob, 80, open]", "[o3, Cy, 300, won]");
    }

    @Test
    void aFilterChangeThatStoppedAfterTheDataWasDefinedLeavesATableThatRefreshes() {
        storage.crashAfter.set("define");

        assertThatThrownBy(() -> f.sdk.tables().updateFilter(PAM, table.id(), Filter.field("amount").greaterThan(100)))
                .hasMessageContaining("crashed after define");

        assertRefreshedAsStored(table.id(), "[o1, Ann, 120, open]", "[o2, Bob, 80, open]", "[o3, Cy, 300, won]");
    }

    @Test
    void theOwnerMayRepeatTheChangeThatStoppedHalfWay() {
        storage.crashAfter.set("define");
        assertThatThrownBy(() -> f.sdk.tables().updateFields(PAM, table.id(), List.of("id", "customer"), List.of()))
                .hasMessageContaining("crashed after define");

        f.sdk.tables().updateFields(PAM, table.id(), List.of("id", "customer"), List.of());

        assertRefreshedAsStored(table.id(), "[o1, Ann]", "[o2, Bob]", "[o3, Cy]");
    }

    @Test
    void aDeletionThatStoppedHalfWayLeavesATableThatRefreshesAndCanBeDeletedAgain() {
        for (String step : List.of("deleteTable", "drop")) {
            storage.crashAfter.set(step);
            assertThatThrownBy(() -> f.sdk.tables().delete(PAM, table.id())).as(step)
                    .hasMessageContaining("crashed after " + step);

            assertRefreshedAsStored(table.id(), "[o1, Ann, 120, open]", "[o2, Bob, 80, open]", "[o3, Cy, 300, won]");
        }

        f.sdk.tables().delete(PAM, table.id());

        assertThat(f.sdk.tables().list(PAM)).isEmpty();
        assertThat(storage.data().count(table.id())).isZero();
        assertThat(storage.history().recent(table.id(), 10)).isEmpty();
    }

    private void assertRefreshedAsStored(TableId id, String... rows) {
        RefreshRun run = f.sdk.tables().refresh(PAM, id);

        assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(f.rows(id)).containsExactly(rows);
    }

    /** The in-memory storage, failing once right after the step named in {@link #crashAfter} (as a crash would). */
    private static final class CrashingStorage extends ForwardingStorage {
        final AtomicReference<String> crashAfter = new AtomicReference<>();

        CrashingStorage() {
            super(Connections.inMemoryStorage());
        }

        private void crash(String step) {
            if (crashAfter.compareAndSet(step, null)) {
                throw new IllegalStateException("crashed after " + step);
            }
        }

        @Override
        public TableData data() {
            TableData data = delegate().data();
            return new ForwardingTableData(data) {
                @Override
                public void define(ConnectedTable t) {
                    data.define(t);
                    crash("define");
                }
                @Override
                public void drop(TableId t) {
                    data.drop(t);
                    crash("drop");
                }
            };
        }

        @Override
        public HistoryStore history() {
            HistoryStore history = delegate().history();
            return new HistoryStore() {
                @Override
                public void save(RefreshRun run) {
                    history.save(run);
                }

                @Override
                public List<RefreshRun> recent(TableId t, int limit) {
                    return history.recent(t, limit);
                }

                @Override
                public Optional<RefreshRun> latest(TableId t, RefreshStatus status) {
                    return history.latest(t, status);
                }

                @Override
                public List<RefreshRun> running() {
                    return history.running();
                }

                @Override
                public void deleteTable(TableId t) {
                    history.deleteTable(t);
                    crash("deleteTable");
                }
            };
        }
    }
}
