package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.FailureKind;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.core.internal.memory.InMemoryStorage;
import dev.connections.spi.ConnectorException;
import dev.connections.tck.ClockMode;
import dev.connections.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's decisions. {@code SchedulerTest} runs each with a clock that stands still between moves and with
 * one that ticks on every read.
 */
abstract class SchedulerCases {

    private static final byte[] KEY = new byte[32];

    private final ClockMode mode;
    private Fixture f;
    private Connection conn;

    SchedulerCases(ClockMode mode) {
        this.mode = mode;
    }

    @BeforeEach
    void setUp() {
        f = new Fixture(mode, Connections.builder().refreshThreads(1));
        f.source.put("orders", "o1", "Ann", 120L, "open");
        conn = f.connection(PAM, "Acme");
    }

    @AfterEach
    void tearDown() {
        f.source.gate = null;
        f.close();
    }

    private ConnectedTable table(String name, RefreshSchedule schedule) {
        return f.sdk.tables().create(PAM, NewTable.builder().app("sales").name(name).connection(conn.id())
                .object("orders").fields("id", "amount").schedule(schedule).build());
    }

    private List<RefreshRun> runDue() {
        return f.sdk.runDueRefreshes().stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
    }

    @Test
    void nothingRunsBeforeItIsDue() {
        table("T", RefreshSchedule.everyHours(4));
        f.clock.advance(Duration.ofHours(3));

        assertThat(runDue()).isEmpty();
    }

    @Test
    void dueTableRunsOnceAsScheduled() {
        ConnectedTable t = table("T", RefreshSchedule.everyHours(4));
        f.clock.advance(Duration.ofHours(4));

        List<RefreshRun> runs = runDue();

        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(RefreshRun.Trigger.SCHEDULED);
            assertThat(r.table()).isEqualTo(t.id());
        });
        assertThat(runDue()).isEmpty();
    }

    @Test
    void runsMissedWhileDownRunOnceNotOncePerSlot() {
        table("T", RefreshSchedule.everyHours(1));
        f.clock.advance(Duration.ofDays(3));

        assertThat(runDue()).hasSize(1);
        assertThat(runDue()).isEmpty();
        f.clock.advance(Duration.ofHours(1));
        assertThat(runDue()).hasSize(1);
    }

    @Test
    void aRefreshThatFailedForAPassingReasonRunsAgainSoonerThanItsNextSlot() {
        ConnectedTable t = table("T", RefreshSchedule.everyHours(24));
        f.clock.advance(Duration.ofHours(24));
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.UNAVAILABLE,
                "The service is down; try again later."));
        assertThat(runDue()).singleElement().satisfies(r -> assertThat(r.failureKind()).isEqualTo(FailureKind.UNAVAILABLE));

        f.clock.advance(Duration.ofMinutes(14));
        assertThat(runDue()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        RefreshRun retried = runDue().get(0);
        assertThat(retried.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(f.sdk.tables().details(PAM, t.id()).nextRefreshAt())
                .isEqualTo(retried.startedAt().plus(Duration.ofHours(24)));
    }

    @Test
    void aRateLimitedRefreshWaitsAtLeastAnHour() {
        table("T", RefreshSchedule.everyHours(24));
        f.clock.advance(Duration.ofHours(24));
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.RATE_LIMITED,
                "The daily API limit is used up."));
        assertThat(runDue()).hasSize(1);

        f.clock.advance(Duration.ofMinutes(59));
        assertThat(runDue()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(runDue()).hasSize(1);
    }

    @Test
    void aFailureWhoseServiceNamedAWaitRunsAgainAfterThatWait() {
        table("T", RefreshSchedule.everyHours(24));
        f.clock.advance(Duration.ofHours(24));
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.RATE_LIMITED,
                "Too many requests; try again in 10 minutes.", null, Duration.ofMinutes(10), null));
        assertThat(runDue()).singleElement().satisfies(r -> assertThat(r.failureKind())
                .isEqualTo(FailureKind.RATE_LIMITED));

        f.clock.advance(Duration.ofMinutes(9));
        assertThat(runDue()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(runDue()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RefreshStatus.SUCCEEDED));
    }

    @Test
    void aRefreshThatFailedForAPermanentReasonWaitsForItsNextSlot() {
        table("T", RefreshSchedule.everyHours(24));
        f.clock.advance(Duration.ofHours(24));
        f.source.failNextRead.set(new ConnectorException(ConnectorException.Kind.PERMISSION,
                "Ask your admin for API access."));
        assertThat(runDue()).hasSize(1);

        f.clock.advance(Duration.ofHours(23));
        assertThat(runDue()).isEmpty();
        f.clock.advance(Duration.ofHours(1));
        assertThat(runDue()).hasSize(1);
    }

    @Test
    void manualTablesNeverRunByThemselves() {
        ConnectedTable t = table("T", RefreshSchedule.manual());
        f.clock.advance(Duration.ofDays(30));

        assertThat(runDue()).isEmpty();
        assertThat(f.sdk.tables().details(PAM, t.id()).nextRefreshAt()).isNull();
    }

    @Test
    void aRefreshByHandMovesTheNextScheduledRun() {
        ConnectedTable t = table("T", RefreshSchedule.everyHours(4));
        f.clock.advance(Duration.ofHours(3));
        RefreshRun byHand = f.sdk.tables().refresh(PAM, t.id());

        f.clock.advance(Duration.ofHours(1));
        assertThat(runDue()).isEmpty();
        assertThat(f.sdk.tables().details(PAM, t.id()).nextRefreshAt())
                .isEqualTo(byHand.startedAt().plus(Duration.ofHours(4)));
    }

    @Test
    void aScheduleChangeTakesEffectFromTheLatestRun() {
        ConnectedTable t = table("T", RefreshSchedule.manual());
        f.clock.advance(Duration.ofHours(5));

        f.sdk.tables().updateSchedule(PAM, t.id(), RefreshSchedule.everyHours(4));

        assertThat(runDue()).singleElement().satisfies(r -> assertThat(r.table()).isEqualTo(t.id()));
        f.sdk.tables().updateSchedule(PAM, t.id(), RefreshSchedule.manual());
        f.clock.advance(Duration.ofDays(1));
        assertThat(runDue()).isEmpty();
    }

    @Test
    void detailsShowTheNextRunTime() {
        f.clock.set(Instant.parse("2026-03-28T10:00:00Z"));
        ConnectedTable t = table("T", RefreshSchedule.daily(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin")));

        // 2026-03-29 is the day Berlin moves to summer time: 02:30 does not exist and runs at 03:30 CEST.
        assertThat(f.sdk.tables().details(PAM, t.id()).nextRefreshAt())
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void dailyScheduleRunsOnceADayAcrossTheClockChange() {
        f.clock.set(Instant.parse("2026-03-28T10:00:00Z"));
        table("T", RefreshSchedule.daily(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin")));
        int runs = 0;
        for (int hour = 0; hour < 72; hour++) {
            f.clock.advance(Duration.ofHours(1));
            runs += runDue().size();
        }
        assertThat(runs).isEqualTo(3);
    }

    @Test
    void aBurstRunsEarliestDueFirst() {
        List<ConnectedTable> tables = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tables.add(table("T" + i, RefreshSchedule.everyHours(1)));
            f.clock.advance(Duration.ofMinutes(1));
        }
        f.clock.advance(Duration.ofHours(2));

        List<RefreshRun> runs = runDue();

        assertThat(runs).extracting(RefreshRun::table)
                .containsExactlyElementsOf(tables.stream().map(ConnectedTable::id).toList());
        assertThat(runs).isSortedAccordingTo(Comparator.comparing(RefreshRun::startedAt));
    }

    @Test
    void theQueueNeverHoldsATableTwice() throws Exception {
        ConnectedTable t = table("T", RefreshSchedule.everyHours(1));
        f.clock.advance(Duration.ofHours(2));
        CountDownLatch gate = new CountDownLatch(1);
        f.source.gate = gate;
        List<CompletableFuture<RefreshRun>> first = f.sdk.runDueRefreshes();
        assertThat(f.source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(f.sdk.runDueRefreshes()).isEmpty();
        f.clock.advance(Duration.ofHours(2));
        assertThat(f.sdk.runDueRefreshes()).isEmpty();
        gate.countDown();

        assertThat(first).singleElement().satisfies(run -> assertThat(run.get(10, TimeUnit.SECONDS).table())
                .isEqualTo(t.id()));
        assertThat(f.sdk.tables().history(PAM, t.id(), 10)).hasSize(1);
    }

    @Test
    void aDueTableThatARunningRefreshHoldsWaitsForItInsteadOfAskingAgainEverySeconds() throws Exception {
        MutableClock clock = mode.startingAt(Fixture.START);
        try (Connections sdk = Connections.builder().clock(clock).leaseDuration(Duration.ofHours(3))
                .connector(new MemoryConnector(f.source)).discoverConnectors(false).externalScheduler().build()) {
            Connection c = sdk.connections().create(PAM, NewConnection.of("memory", "Acme").set("account", "acme")
                    .set("token", MemoryConnector.TOKEN));
            ConnectedTable t = sdk.tables().create(PAM, NewTable.builder().app("s").name("T").connection(c.id())
                    .object("orders").fields("id").schedule(RefreshSchedule.everyHours(1)).build());
            CountDownLatch gate = new CountDownLatch(1);
            f.source.gate = gate;
            CompletableFuture<RefreshRun> byHand = sdk.tables().refreshAsync(PAM, t.id());
            assertThat(f.source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofHours(2));   // the refresh by hand runs past its table's next slot

            assertThat(sdk.runDueRefreshes().stream().map(CompletableFuture::join).filter(Objects::nonNull))
                    .isEmpty();
            assertThat(sdk.tables().details(PAM, t.id()).nextRefreshAt())
                    .isAfter(clock.instant().plus(Duration.ofMinutes(5)));
            gate.countDown();
            assertThat(byHand.get(10, TimeUnit.SECONDS).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        }
    }

    @Test
    void twoInstancesOnOneStorageRunADueTableOnce() {
        InMemoryStorage shared = new InMemoryStorage();
        MutableClock clock = mode.startingAt(Fixture.START);
        try (Connections a = instance(shared, clock, "a"); Connections b = instance(shared, clock, "b")) {
            Connection c = a.connections().create(PAM, NewConnection.of("memory", "Acme").set("account", "acme")
                    .set("token", MemoryConnector.TOKEN));
            ConnectedTable t = a.tables().create(PAM, NewTable.builder().app("s").name("T").connection(c.id())
                    .object("orders").fields("id").schedule(RefreshSchedule.everyHours(1)).build());
            clock.advance(Duration.ofHours(1));

            List<CompletableFuture<RefreshRun>> fromA = a.runDueRefreshes();
            List<CompletableFuture<RefreshRun>> fromB = b.runDueRefreshes();

            assertThat(fromA.size() + fromB.size()).isEqualTo(1);
            fromA.forEach(CompletableFuture::join);
            fromB.forEach(CompletableFuture::join);
            assertThat(a.tables().history(PAM, t.id(), 10)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RefreshStatus.SUCCEEDED));
        }
    }

    @Test
    void closingHandsQueuedScheduledRefreshesBackToTheSchedule() throws Exception {
        InMemoryStorage shared = new InMemoryStorage();
        MutableClock clock = mode.startingAt(Fixture.START);
        Connections sdk = Connections.builder().storage(shared).secretKey(KEY).clock(clock).refreshThreads(1)
                .connector(new MemoryConnector(f.source)).discoverConnectors(false).externalScheduler()
                .closeTimeout(Duration.ofSeconds(30)).build();
        Connection c = sdk.connections().create(PAM, NewConnection.of("memory", "Acme").set("account", "acme")
                .set("token", MemoryConnector.TOKEN));
        ConnectedTable first = sdk.tables().create(PAM, NewTable.builder().app("s").name("First").connection(c.id())
                .object("orders").fields("id").schedule(RefreshSchedule.everyHours(1)).build());
        clock.advance(Duration.ofMinutes(1));
        ConnectedTable second = sdk.tables().create(PAM, NewTable.builder().app("s").name("Second")
                .connection(c.id()).object("orders").fields("id").schedule(RefreshSchedule.everyHours(1)).build());
        Instant secondDue = shared.tables().due(second.id()).orElseThrow();
        clock.advance(Duration.ofHours(2));
        CountDownLatch gate = new CountDownLatch(1);
        f.source.gate = gate;
        List<CompletableFuture<RefreshRun>> started = sdk.runDueRefreshes();
        assertThat(f.source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(sdk::close);
        // the queued refresh of the second table never runs: its future completes with null and it is due as before
        assertThat(started.get(1).get(10, TimeUnit.SECONDS)).isNull();
        assertThat(shared.tables().due(second.id())).contains(secondDue);
        gate.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(started.get(0).get(10, TimeUnit.SECONDS).table()).isEqualTo(first.id());
        assertThat(shared.history().recent(second.id(), 5)).isEmpty();
    }

    private Connections instance(InMemoryStorage shared, MutableClock clock, String id) {
        return Connections.builder().storage(shared).secretKey(KEY).clock(clock).instanceId(id)
                .connector(new MemoryConnector(f.source)).discoverConnectors(false).externalScheduler().build();
    }

    @Test
    void builtInSchedulerRunsDueRefreshesByItself() {
        MemorySource source = MemorySource.orders().put("orders", "o1", "Ann", 1L, "open");
        MutableClock clock = mode.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connections sdk = Connections.builder().connector(new MemoryConnector(source)).clock(clock)
                .discoverConnectors(false).schedulerPollInterval(Duration.ofMillis(20)).build()) {
            Connection c = sdk.connections().create(PAM, NewConnection.of("memory", "A")
                    .set("account", "acme").set("token", MemoryConnector.TOKEN));
            ConnectedTable t = sdk.tables().create(PAM, NewTable.builder().app("a").name("T").connection(c.id())
                    .object("orders").fields("id").schedule(RefreshSchedule.everyHours(1)).build());
            sdk.start();
            clock.advance(Duration.ofHours(1));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> scheduledAndFinished(sdk, t));
        }
    }

    @Test
    void aScheduleChangeWakesTheBuiltInScheduler() {
        MemorySource source = MemorySource.orders().put("orders", "o1", "Ann", 1L, "open");
        MutableClock clock = mode.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connections sdk = Connections.builder().connector(new MemoryConnector(source)).clock(clock)
                .discoverConnectors(false).schedulerPollInterval(Duration.ofHours(1)).build()) {
            Connection c = sdk.connections().create(PAM, NewConnection.of("memory", "A")
                    .set("account", "acme").set("token", MemoryConnector.TOKEN));
            ConnectedTable t = sdk.tables().create(PAM, NewTable.builder().app("a").name("T").connection(c.id())
                    .object("orders").fields("id").schedule(RefreshSchedule.manual()).build());
            sdk.start();
            clock.advance(Duration.ofHours(2));

            // the scheduler sleeps for an hour of real time unless the change wakes it
            sdk.tables().updateSchedule(PAM, t.id(), RefreshSchedule.everyHours(1));

            // the clock moves on a little while the test waits, as it would: a pass that met the table still held by
            // the change tries again seconds later (by the SDK's clock), and a frozen clock would never get there
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                clock.advance(Duration.ofMillis(500));
                return scheduledAndFinished(sdk, t);
            });
        }
    }

    static boolean scheduledAndFinished(Connections sdk, ConnectedTable t) {
        return sdk.tables().history(PAM, t.id(), 5).stream()
                .anyMatch(r -> r.trigger() == RefreshRun.Trigger.SCHEDULED && r.finishedAt() != null);
    }
}
