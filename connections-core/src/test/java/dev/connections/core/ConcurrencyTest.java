package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private Fixture f;
    private ConnectedTable table;

    @BeforeEach
    void setUp() {
        f = new Fixture();
        f.source.put("orders", "o1", "Ann", 120L, "open");
        var conn = f.connection(PAM, "Acme");
        table = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(conn.id())
                .object("orders").fields("id", "customer", "amount").filter(Filter.all()).build());
    }

    @AfterEach
    void tearDown() {
        f.source.gate = null;
        f.close();
    }

    @Test
    void oneRefreshPerTableAtATime() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        f.source.gate = gate;
        CompletableFuture<RefreshRun> first = f.sdk.tables().refreshAsync(PAM, table.id());
        assertThat(f.source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> f.sdk.tables().refresh(PAM, table.id()))
                .isInstanceOf(ConnectionsException.class)
                .hasMessageContaining("already running")
                .extracting(e -> ((ConnectionsException) e).reason())
                .isEqualTo(ConnectionsException.Reason.CONFLICT);
        gate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(RefreshStatus.SUCCEEDED);
    }

    @Test
    void leaseStaysAliveWhileAReadWaitsWithoutRecords() throws Exception {
        MemorySource source = MemorySource.orders().put("orders", "o1", "Ann", 1L, "open");
        dev.connections.core.internal.memory.InMemoryStorage shared =
                new dev.connections.core.internal.memory.InMemoryStorage();
        Duration lease = Duration.ofSeconds(1);
        try (Connections a = Connections.builder().storage(shared).connector(new MemoryConnector(source))
                .discoverConnectors(false).externalScheduler().leaseDuration(lease).instanceId("a").build();
             Connections b = Connections.builder().storage(shared).connector(new MemoryConnector(source))
                .discoverConnectors(false).externalScheduler().leaseDuration(lease).instanceId("b").build()) {
            var conn = a.connections().create(PAM, dev.connections.api.NewConnection.of("memory", "Acme")
                    .set("account", "acme").set("token", MemoryConnector.TOKEN));
            ConnectedTable t = a.tables().create(PAM, NewTable.builder().app("s").name("T").connection(conn.id())
                    .object("orders").fields("id").build());
            CountDownLatch gate = new CountDownLatch(1);
            source.gate = gate;
            CompletableFuture<RefreshRun> slow = a.tables().refreshAsync(PAM, t.id());
            assertThat(source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();

            // a read that delivers nothing for several lease durations still holds the table
            org.awaitility.Awaitility.await().during(lease.multipliedBy(3)).atMost(lease.multipliedBy(6))
                    .untilAsserted(() -> assertThatThrownBy(() -> b.tables().refresh(PAM, t.id()))
                            .hasMessageContaining("already running"));
            gate.countDown();

            assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        } finally {
            source.gate = null;
        }
    }

    @Test
    void definitionCannotChangeWhileARefreshRuns() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        f.source.gate = gate;
        CompletableFuture<RefreshRun> running = f.sdk.tables().refreshAsync(PAM, table.id());
        assertThat(f.source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> f.sdk.tables().updateFilter(PAM, table.id(), Filter.field("amount").greaterThan(1)))
                .hasMessageContaining("is being refreshed");
        gate.countDown();
        running.get(10, TimeUnit.SECONDS);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(f.sdk.tables().updateFilter(PAM, table.id(), Filter.field("amount").greaterThan(1))
                        .filter()).hasToString("amount > 1"));
    }
}
