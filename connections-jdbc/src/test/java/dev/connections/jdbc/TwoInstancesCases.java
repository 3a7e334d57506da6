package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionsException;
import dev.connections.api.FailureKind;
import dev.connections.api.FieldType;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.tck.ClockMode;
import dev.connections.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Scale beyond one machine": two {@link Connections} instances on one PostgreSQL schema, each with its own storage
 * object and connection pool, as two hosts would have. The lease in the database lets only one of them refresh a
 * table at a time, and a lease whose holder stopped renewing it is taken over once its time has run out (and never
 * before), after which the old holder cannot commit. {@code TwoInstancesTest} runs these cases with a clock that
 * stands still between moves and with one that ticks on every read.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
abstract class TwoInstancesCases {

    private static final Principal PAM = Principal.of("pam");
    private static final byte[] KEY = new byte[32];
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RECORDS = 2_500;

    private final String schema = EmbeddedPostgresExtension.freshSchema();
    private final MutableClock clock;

    TwoInstancesCases(ClockMode mode) {
        this.clock = mode.startingAt(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void twoInstancesRefreshingOneTableAtTheSameTimeRunItOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GateConnector gateA = new GateConnector("a", release);
        GateConnector gateB = new GateConnector("b", release);
        try (Connections a = instance("a", gateA); Connections b = instance("b", gateB)) {
            TableId table = createTable(a);

            CompletableFuture<RefreshRun> byA = a.tables().refreshAsync(PAM, table);
            CompletableFuture<RefreshRun> byB = b.tables().refreshAsync(PAM, table);
            // one of them takes the lease and reads (and waits in its connector); the other is refused meanwhile
            await().atMost(WAIT).until(() -> (byA.isCompletedExceptionally() || byB.isCompletedExceptionally())
                    && gateA.reads() + gateB.reads() == 1);
            release.countDown();

            boolean aRan = byB.isCompletedExceptionally();
            RefreshRun run = (aRan ? byA : byB).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThatThrownBy((aRan ? byB : byA)::join).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(ConnectionsException.class)
                    .hasMessageContaining("already running")
                    .extracting(e -> ((ConnectionsException) e).reason()).isEqualTo(ConnectionsException.Reason.CONFLICT);

            assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(run.counts()).isEqualTo(new RefreshCounts(RECORDS, 0, 0, 0));
            assertThat(gateA.reads() + gateB.reads()).isEqualTo(1);
            for (Connections instance : List.of(a, b)) {
                assertThat(instance.tables().history(PAM, table, 10)).containsExactly(run);
                assertThat(sources(instance, table)).containsExactly(aRan ? "a" : "b");
            }
        }
    }

    @Test
    void aLeaseWhoseHolderStoppedRenewingItIsTakenOverOnceItRunsOutAndTheOldHolderCannotCommit() throws Exception {
        CountDownLatch wake = new CountDownLatch(1);
        GateConnector hung = new GateConnector("a", wake);
        GateConnector healthy = new GateConnector("b", null);
        try (Connections a = instance("a", hung); Connections b = instance("b", healthy)) {
            TableId table = createTable(a);
            CompletableFuture<RefreshRun> stale = a.tables().refreshAsync(PAM, table);
            // a holds the lease and stops renewing it: a hung node is, to the database, a dead one
            assertThat(hung.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            assertConflict(b, table);
            clock.advance(LEASE.minusSeconds(1));
            assertConflict(b, table);
            clock.advance(Duration.ofSeconds(1));   // the lease has run out

            b.start();   // recovery, as b's scheduler would do: the run of a that holds no lease is marked FAILED
            RefreshRun interrupted = b.tables().history(PAM, table, 10).get(0);
            assertThat(interrupted.status()).isEqualTo(RefreshStatus.FAILED);
            assertThat(interrupted.failureKind()).isEqualTo(FailureKind.INTERRUPTED);
            RefreshRun taken = b.tables().refresh(PAM, table);
            assertThat(taken.status()).as(taken.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(taken.counts()).isEqualTo(new RefreshCounts(RECORDS, 0, 0, 0));
            assertThat(sources(b, table)).containsExactly("b");

            wake.countDown();
            RefreshRun late = stale.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(late.status()).isEqualTo(RefreshStatus.FAILED);
            assertThat(late.failureKind()).isEqualTo(FailureKind.CONFLICT);
            assertThat(late.message()).contains("lease ran out").contains("changed nothing");
            assertThat(sources(a, table)).as("the old holder's rows were rolled back").containsExactly("b");
            assertThat(a.tables().history(PAM, table, 10)).extracting(RefreshRun::id, RefreshRun::status)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(taken.id(), RefreshStatus.SUCCEEDED),
                            org.assertj.core.groups.Tuple.tuple(late.id(), RefreshStatus.FAILED));
            assertThat(hung.reads() + healthy.reads()).isEqualTo(2);
        }
    }

    private static void assertConflict(Connections instance, TableId table) {
        assertThatThrownBy(() -> instance.tables().refresh(PAM, table)).isInstanceOf(ConnectionsException.class)
                .extracting(e -> ((ConnectionsException) e).reason()).isEqualTo(ConnectionsException.Reason.CONFLICT);
    }

    /** One host: its own storage object and pool on the shared schema, its own connector instance, the test clock. */
    private Connections instance(String name, GateConnector connector) {
        Connections sdk = Connections.builder()
                .storage(JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), schema))
                .secretKey(KEY)
                .clock(clock)
                .leaseDuration(LEASE)
                .connector(connector)
                .discoverConnectors(false)
                .externalScheduler()
                .instanceId(name)
                .build();
        sdk.start();
        return sdk;
    }

    private static TableId createTable(Connections sdk) {
        Connection connection = sdk.connections().create(PAM, NewConnection.of(GateConnector.ID, "Gate"));
        ConnectedTable table = sdk.tables().create(PAM, NewTable.builder().app("two").name("Records")
                .connection(connection.id()).object(GateConnector.OBJECT).fields("id", "source").refreshKey("id")
                .tableUpdates(TableUpdates.REMOVE).build());
        return table.id();
    }

    /** @return the distinct values of the field {@code source}: which instance's read the table holds */
    private static Set<Object> sources(Connections sdk, TableId table) {
        try (Stream<Object[]> rows = sdk.tables().rows(PAM, table)) {
            Set<Object> sources = new HashSet<>();
            long[] count = {0};
            rows.forEach(r -> {
                sources.add(r[1]);
                count[0]++;
            });
            assertThat(count[0]).isEqualTo(RECORDS);
            return sources;
        }
    }

    /**
     * A source of {@value #RECORDS} records {@code (id, source)} whose read waits for a latch before it delivers
     * anything, so that a test can hold a refresh in the middle for as long as it needs.
     */
    private static final class GateConnector implements Connector {
        static final String ID = "gate";
        static final String OBJECT = "records";

        private final String source;
        private final CountDownLatch release;
        private final CountDownLatch entered = new CountDownLatch(1);
        private final AtomicInteger reads = new AtomicInteger();

        /** @param release what a read waits for; null for none */
        GateConnector(String source, CountDownLatch release) {
            this.source = source;
            this.release = release;
        }

        int reads() {
            return reads.get();
        }

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor(ID, "Gate", ConnectorDescriptor.AuthKind.NONE, List.of(), Set.of(),
                    ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
        }

        @Override
        public ConnectorSession open(ConnectorContext context) {
            return new ConnectorSession() {
                @Override
                public Account test() {
                    return new Account("gate", "Gate");
                }

                @Override
                public List<SourceObject> objects() {
                    return List.of(new SourceObject(OBJECT, "Records"));
                }

                @Override
                public SourceSchema describe(String object) {
                    return new SourceSchema(OBJECT, List.of(new SourceField("id", "Id", FieldType.TEXT, false, true),
                            SourceField.of("source", FieldType.TEXT)), List.of("id"));
                }

                @Override
                public ReadResult read(ReadRequest request, RecordSink sink) {
                    reads.incrementAndGet();
                    entered.countDown();
                    try {
                        if (release != null && !release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never released the read");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting to read", e);
                    }
                    for (int i = 1; i <= RECORDS; i++) {
                        sink.accept(Row.of("r-" + i, source));
                    }
                    return ReadResult.full(null);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
