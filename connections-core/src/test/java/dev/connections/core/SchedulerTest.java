package dev.connections.core;

import dev.connections.tck.MutableClock;
import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private Fixture f;
    private Connection conn;

    @BeforeEach
    void setUp() {
        f = new Fixture();
        f.source.put("orders", "o1", "Ann", 120L, "open");
        conn = f.connection(PAM, "Acme");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private ConnectedTable table(String name, RefreshSchedule schedule) {
        return f.sdk.tables().create(PAM, NewTable.builder().app("sales").name(name).connection(conn.id())
                .object("orders").fields("id", "amount").schedule(schedule).build());
    }

    private List<RefreshRun> runDue() {
        return f.sdk.runDueRefreshes().stream().map(CompletableFuture::join).toList();
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
        f.source.failNextRead.set(new dev.connections.spi.ConnectorException(
                dev.connections.spi.ConnectorException.Kind.UNAVAILABLE, "The service is down; try again later."));
        assertThat(runDue()).singleElement().satisfies(r -> assertThat(r.failureKind()).isEqualTo("UNAVAILABLE"));

        f.clock.advance(Duration.ofMinutes(14));
        assertThat(runDue()).isEmpty();
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(runDue()).singleElement().satisfies(r -> assertThat(r.status())
                .isEqualTo(dev.connections.api.RefreshStatus.SUCCEEDED));
        assertThat(f.sdk.tables().details(PAM, t.id()).nextRefreshAt()).isEqualTo(f.clock.instant().plus(
                Duration.ofHours(24)));
    }

    @Test
    void aRefreshThatFailedForAPermanentReasonWaitsForItsNextSlot() {
        table("T", RefreshSchedule.everyHours(24));
        f.clock.advance(Duration.ofHours(24));
        f.source.failNextRead.set(new dev.connections.spi.ConnectorException(
                dev.connections.spi.ConnectorException.Kind.PERMISSION, "Ask your admin for API access."));
        assertThat(runDue()).hasSize(1);

        f.clock.advance(Duration.ofHours(23));
        assertThat(runDue()).isEmpty();
    }

    @Test
    void manualTablesNeverRunByThemselves() {
        table("T", RefreshSchedule.manual());
        f.clock.advance(Duration.ofDays(30));

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
    void builtInSchedulerRunsDueRefreshesByItself() {
        MemorySource source = MemorySource.orders().put("orders", "o1", "Ann", 1L, "open");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Connections sdk = Connections.builder().connector(new MemoryConnector(source)).clock(clock)
                .discoverConnectors(false).schedulerPollInterval(Duration.ofMillis(20)).build()) {
            Connection c = sdk.connections().create(PAM, dev.connections.api.NewConnection.of("memory", "A")
                    .set("account", "acme").set("token", MemoryConnector.TOKEN));
            ConnectedTable t = sdk.tables().create(PAM, NewTable.builder().app("a").name("T").connection(c.id())
                    .object("orders").fields("id").schedule(RefreshSchedule.everyHours(1)).build());
            sdk.start();
            clock.advance(Duration.ofHours(1));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    sdk.tables().history(PAM, t.id(), 5).stream()
                            .anyMatch(r -> r.trigger() == RefreshRun.Trigger.SCHEDULED && r.finishedAt() != null));
        }
    }
}
