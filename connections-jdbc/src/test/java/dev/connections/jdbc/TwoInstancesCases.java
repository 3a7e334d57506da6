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
import dev.connections.api.RefreshSchedule;
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
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.TableData;
import dev.connections.tck.ClockMode;
import dev.connections.tck.ForwardingRefreshWriter;
import dev.connections.tck.ForwardingStorage;
import dev.connections.tck.ForwardingTableData;
import dev.connections.tck.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * table at a time, judged by the database's clock (an instance whose clock runs ahead takes nothing early), and a
 * lease whose holder paused is taken over once its time has run out, after which the old holder's commit is refused. {@code TwoInstancesTest} runs these cases with a clock that
 * stands still between moves and with one that ticks on every read.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
abstract class TwoInstancesCases {

    private static final Principal PAM = Principal.of("pam");
    private static final byte[] KEY = new byte[32];
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** Short enough to run out, by the database's clock, while a test waits. */
    private static final Duration SHORT_LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RECORDS = 2_500;

    private final String schema = EmbeddedPostgresExtension.freshSchema();
    private final ClockMode mode;
    private final MutableClock clock;

    TwoInstancesCases(ClockMode mode) {
        this.mode = mode;
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
    void anInstanceWhoseClockRunsAnHourAheadCannotTakeALeaseThatIsStillHeld() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GateConnector reading = new GateConnector("a", release);
        MutableClock ahead = mode.startingAt(clock.instant().plus(Duration.ofHours(1)));
        try (Connections a = instance("a", reading, storage(), clock, LEASE);
             Connections b = instance("b", new GateConnector("b", null), storage(), ahead, LEASE)) {
            TableId table = createTable(a);
            CompletableFuture<RefreshRun> byA = a.tables().refreshAsync(PAM, table);
            assertThat(reading.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            // by b's clock a's lease ran out 50 minutes ago; by the database's it has 10 minutes to go
            assertConflict(b, table);

            release.countDown();
            RefreshRun run = byA.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(sources(b, table)).containsExactly("a");
            assertThat(b.tables().history(PAM, table, 10)).containsExactly(run);
        }
    }

    @Test
    void aPausedInstancesLeaseIsTakenOverOnceItRunsOutByTheDatabasesClockAndItsCommitIsRefused() throws Exception {
        PausingStorage paused = new PausingStorage(storage());
        GateConnector taker = new GateConnector("b", null);
        try (Connections a = instance("a", new GateConnector("a", null), paused, clock, SHORT_LEASE);
             Connections b = instance("b", taker, storage(), clock, SHORT_LEASE)) {
            TableId table = createTable(a);
            CompletableFuture<RefreshRun> stale = a.tables().refreshAsync(PAM, table);
            // a renewed its lease before its commit, then stopped (a long GC pause): it renews nothing meanwhile
            assertThat(paused.atCommit.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            CompletableFuture<RefreshRun> byB = CompletableFuture.supplyAsync(() -> await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100)).until(() -> refreshUnlessHeld(b, table), Objects::nonNull));
            // b took the lease once it ran out by the database's clock; its commit waits for a's open transaction
            assertThat(taker.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            paused.resume.countDown();
            RefreshRun late = stale.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            RefreshRun taken = byB.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(taken.status()).as(taken.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(taken.counts()).isEqualTo(new RefreshCounts(RECORDS, 0, 0, 0));
            assertThat(late.status()).isEqualTo(RefreshStatus.FAILED);
            assertThat(late.failureKind()).isEqualTo(FailureKind.CONFLICT);
            assertThat(late.message()).contains("lease ran out").contains("changed nothing");
            assertThat(sources(a, table)).as("the paused holder's rows were rolled back").containsExactly("b");
            assertThat(a.tables().history(PAM, table, 10)).extracting(RefreshRun::id, RefreshRun::status)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(taken.id(), RefreshStatus.SUCCEEDED),
                            org.assertj.core.groups.Tuple.tuple(late.id(), RefreshStatus.FAILED));
        }
    }

    @Test
    void aRunThatLostItsLeaseLeavesTheDueTimeThatTheInstanceWhichTookItOverSet() throws Exception {
        PausingStorage paused = new PausingStorage(storage());
        CountDownLatch release = new CountDownLatch(1);
        GateConnector slow = new GateConnector("a", release);
        try (Connections a = instance("a", slow, paused, clock, SHORT_LEASE);
             Connections b = instance("b", new GateConnector("b", null), storage(), clock, SHORT_LEASE)) {
            TableId table = createTable(a, RefreshSchedule.everyHours(1));
            assertThat(b.tables().refresh(PAM, table).status()).isEqualTo(RefreshStatus.SUCCEEDED);
            CompletableFuture<RefreshRun> stale = a.tables().refreshAsync(PAM, table);
            assertThat(slow.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            paused.atCommit.countDown(); // from now on a renews nothing (a long pause) and its lease runs out

            clock.advance(Duration.ofMinutes(11));
            RefreshRun taken = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> refreshUnlessHeld(b, table), Objects::nonNull);
            assertThat(taken.status()).as(taken.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            Optional<Instant> dueByB = storage().tables().due(table);
            paused.resume.countDown();
            release.countDown();

            RefreshRun late = stale.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(late.failureKind()).as(late.message()).isEqualTo(FailureKind.CONFLICT);
            assertThat(dueByB).isPresent();
            assertThat(storage().tables().due(table)).as("the stale run moved the due time back").isEqualTo(dueByB);
        }
    }

    /** @return the run, or null while another instance holds the table's lease */
    private static RefreshRun refreshUnlessHeld(Connections instance, TableId table) {
        try {
            return instance.tables().refresh(PAM, table);
        } catch (ConnectionsException e) {
            if (e.reason() != ConnectionsException.Reason.CONFLICT) {
                throw e;
            }
            return null;
        }
    }

    private static void assertConflict(Connections instance, TableId table) {
        assertThatThrownBy(() -> instance.tables().refresh(PAM, table)).isInstanceOf(ConnectionsException.class)
                .extracting(e -> ((ConnectionsException) e).reason()).isEqualTo(ConnectionsException.Reason.CONFLICT);
    }

    /** One host: its own storage object and pool on the shared schema, its own connector instance, the test clock. */
    private Connections instance(String name, GateConnector connector) {
        return instance(name, connector, storage(), clock, LEASE);
    }

    private Storage storage() {
        return JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), schema);
    }

    private static Connections instance(String name, GateConnector connector, Storage storage, Clock clock,
                                        Duration lease) {
        Connections sdk = Connections.builder()
                .storage(storage)
                .secretKey(KEY)
                .clock(clock)
                .leaseDuration(lease)
                .connector(connector)
                .discoverConnectors(false)
                .externalScheduler()
                .instanceId(name)
                .build();
        sdk.start();
        return sdk;
    }

    private static TableId createTable(Connections sdk) {
        return createTable(sdk, RefreshSchedule.manual());
    }

    private static TableId createTable(Connections sdk, RefreshSchedule schedule) {
        Connection connection = sdk.connections().create(PAM, NewConnection.of(GateConnector.ID, "Gate"));
        ConnectedTable table = sdk.tables().create(PAM, NewTable.builder().app("two").name("Records")
                .connection(connection.id()).object(GateConnector.OBJECT).fields("id", "source").refreshKey("id")
                .tableUpdates(TableUpdates.REMOVE).schedule(schedule).build());
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
     * A storage as it is, except that its refresh stops at its commit, as a process does in a long GC pause: the
     * commit and every renewal of a lease wait for {@link #resume}. The refresh renewed its lease just before.
     */
    private static final class PausingStorage extends ForwardingStorage {
        final CountDownLatch atCommit = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);

        PausingStorage(Storage delegate) {
            super(delegate);
        }

        private void pause() {
            try {
                if (!resume.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never resumed the paused instance");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while paused", e);
            }
        }

        @Override
        public Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
            return delegate().tryLease(name, holder, now, ttl).map(lease -> new Lease() {
                @Override
                public String name() {
                    return lease.name();
                }

                @Override
                public String holder() {
                    return lease.holder();
                }

                @Override
                public long generation() {
                    return lease.generation();
                }

                @Override
                public Instant expiresAt() {
                    return lease.expiresAt();
                }

                @Override
                public boolean renew(Instant at, Duration time) {
                    if (atCommit.getCount() == 0) {
                        pause();
                    }
                    return lease.renew(at, time);
                }

                @Override
                public void close() {
                    lease.close();
                }
            });
        }

        @Override
        public TableData data() {
            TableData data = delegate().data();
            return new ForwardingTableData(data) {
                @Override
                public RefreshWriter begin(ConnectedTable table, Lease fence) {
                    RefreshWriter writer = data.begin(table, fence);
                    return new ForwardingRefreshWriter(writer) {
                        @Override
                        public void commit(Cursor next, RefreshRun run) {
                            atCommit.countDown();
                            pause();
                            super.commit(next, run);
                        }
                    };
                }
            };
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
