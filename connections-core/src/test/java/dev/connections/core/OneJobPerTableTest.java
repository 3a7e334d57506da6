package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.tck.ClockMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hook of a host's scheduler that keeps one job per table (connections-scheduler-db):
 * {@link Connections#scheduledRefreshes()} and {@link Connections#runScheduledRefresh}. Each case runs with a clock
 * that stands still between moves and with one that ticks on every read.
 */
class OneJobPerTableTest {

    /** Longer than the test moves the clock while a refresh holds the table: the lease runs out by the SDK's clock. */
    private static final Duration LEASE = Duration.ofHours(3);

    private static ConnectedTable table(Fixture f, Connection conn, String name, RefreshSchedule schedule) {
        return f.sdk.tables().create(PAM, NewTable.builder().app("sales").name(name).connection(conn.id())
                .object("orders").fields("id", "amount").schedule(schedule).build());
    }

    @ParameterizedTest
    @EnumSource(ClockMode.class)
    void aDueTableRunsOnceInTheCallersThreadAndTheAnswerIsItsNextDueTime(ClockMode mode) {
        try (Fixture f = new Fixture(mode, Connections.builder())) {
            ConnectedTable t = table(f, f.connection(PAM, "Acme"), "T", RefreshSchedule.everyHours(4));
            Instant due = f.sdk.scheduledRefreshes().get(t.id());

            f.clock.advance(Duration.ofHours(3));
            assertThat(f.sdk.runScheduledRefresh(t.id())).contains(due);
            assertThat(f.sdk.tables().history(PAM, t.id(), 10)).isEmpty();

            f.clock.advance(Duration.ofHours(1));
            Optional<Instant> next = f.sdk.runScheduledRefresh(t.id());
            RefreshRun run = f.sdk.tables().history(PAM, t.id(), 10).get(0);
            assertThat(run.status()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(run.trigger()).isEqualTo(RefreshRun.Trigger.SCHEDULED);
            assertThat(next).contains(f.sdk.tables().details(PAM, t.id()).nextRefreshAt());
            assertThat(next.orElseThrow()).isEqualTo(f.sdk.scheduledRefreshes().get(t.id()));

            assertThat(f.sdk.runScheduledRefresh(t.id())).isEqualTo(next);
            assertThat(f.sdk.tables().history(PAM, t.id(), 10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(ClockMode.class)
    void manualAndDeletedTablesHaveNoDueTime(ClockMode mode) {
        try (Fixture f = new Fixture(mode, Connections.builder())) {
            Connection conn = f.connection(PAM, "Acme");
            ConnectedTable manual = table(f, conn, "Manual", RefreshSchedule.manual());
            ConnectedTable deleted = table(f, conn, "Deleted", RefreshSchedule.everyHours(1));
            ConnectedTable kept = table(f, conn, "Kept", RefreshSchedule.everyHours(2));
            f.sdk.tables().delete(PAM, deleted.id());
            f.clock.advance(Duration.ofHours(3));

            assertThat(f.sdk.scheduledRefreshes()).containsOnlyKeys(kept.id());
            assertThat(f.sdk.runScheduledRefresh(manual.id())).isEmpty();
            assertThat(f.sdk.runScheduledRefresh(deleted.id())).isEmpty();
            assertThat(f.sdk.tables().history(PAM, manual.id(), 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ClockMode.class)
    void aTableThatARunningRefreshHoldsIsLookedAtAgainAfterTheLeaseDuration(ClockMode mode) throws Exception {
        try (Fixture f = new Fixture(mode, Connections.builder().leaseDuration(LEASE))) {
            ConnectedTable t = table(f, f.connection(PAM, "Acme"), "T", RefreshSchedule.everyHours(1));
            CountDownLatch gate = new CountDownLatch(1);
            f.source.gate = gate;
            try {
                CompletableFuture<RefreshRun> byHand = f.sdk.tables().refreshAsync(PAM, t.id());
                assertThat(f.source.readStarted.await(10, TimeUnit.SECONDS)).isTrue();
                f.clock.advance(Duration.ofHours(2));   // the refresh by hand runs past its table's next slot

                Instant before = f.clock.instant();
                Optional<Instant> again = f.sdk.runScheduledRefresh(t.id());
                Instant after = f.clock.instant();
                assertThat(again.orElseThrow()).isBetween(before.plus(LEASE), after.plus(LEASE));
                gate.countDown();
                assertThat(byHand.get(10, TimeUnit.SECONDS).status()).isEqualTo(RefreshStatus.SUCCEEDED);
                assertThat(f.sdk.tables().history(PAM, t.id(), 10)).hasSize(1);
            } finally {
                f.source.gate = null;
                gate.countDown();
            }
        }
    }
}
