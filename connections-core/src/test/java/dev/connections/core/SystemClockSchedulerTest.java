package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.RefreshStatus;
import dev.connections.core.internal.memory.InMemoryStorage;
import dev.connections.tck.ClockMode;
import dev.connections.tck.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scheduler as a host runs it: on the SDK's default clock, which moves between any two reads. A table whose
 * schedule fell due while the host was down (created by an instance whose clock was set back) must start by itself.
 * The same tests run with a frozen and a ticking test clock.
 */
class SystemClockSchedulerTest {

    private static final byte[] KEY = new byte[32];

    private final MemorySource source = MemorySource.orders().put("orders", "o1", "Ann", 1L, "open");
    private final InMemoryStorage storage = new InMemoryStorage();

    /** Creates a table scheduled every hour, as an instance whose clock showed {@code createdAt}. */
    private ConnectedTable scheduledTable(Instant createdAt) {
        try (Connections earlier = builder(new MutableClock(createdAt)).externalScheduler().build()) {
            Connection c = earlier.connections().create(PAM, NewConnection.of("memory", "Acme")
                    .set("account", "acme").set("token", MemoryConnector.TOKEN));
            return earlier.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(c.id())
                    .object("orders").fields("id", "amount").schedule(RefreshSchedule.everyHours(1)).build());
        }
    }

    private Connections.Builder builder(Clock clock) {
        return Connections.builder().storage(storage).secretKey(KEY).clock(clock)
                .connector(new MemoryConnector(source)).discoverConnectors(false);
    }

    private static Clock clock(String kind) {
        return kind.equals("system") ? Clock.systemUTC() : ClockMode.valueOf(kind).startingAt(Instant.now());
    }

    @ParameterizedTest(name = "{0} clock")
    @ValueSource(strings = {"system", "FROZEN", "TICKING"})
    void builtInSchedulerStartsADueTableByItself(String kind) {
        ConnectedTable t = scheduledTable(Instant.now().minus(Duration.ofHours(2)));

        try (Connections sdk = builder(clock(kind)).build()) {
            sdk.start();

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> SchedulerCases.scheduledAndFinished(sdk, t));
            assertThat(sdk.tables().history(PAM, t.id(), 5)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RefreshStatus.SUCCEEDED));
        }
    }

    @ParameterizedTest(name = "{0} clock")
    @ValueSource(strings = {"system", "FROZEN", "TICKING"})
    void runDueRefreshesStartsADueTable(String kind) {
        ConnectedTable t = scheduledTable(Instant.now().minus(Duration.ofHours(2)));

        try (Connections sdk = builder(clock(kind)).externalScheduler().build()) {
            List<CompletableFuture<RefreshRun>> started = sdk.runDueRefreshes();

            assertThat(started).singleElement().satisfies(run -> {
                RefreshRun done = run.join();
                assertThat(done.table()).isEqualTo(t.id());
                assertThat(done.trigger()).isEqualTo(RefreshRun.Trigger.SCHEDULED);
                assertThat(done.status()).isEqualTo(RefreshStatus.SUCCEEDED);
            });
            assertThat(sdk.runDueRefreshes()).isEmpty();
        }
    }

    @Test
    void builtInSchedulerWakesAtTheDueTimeNotAtItsNextLook() {
        // due two seconds from now; the scheduler's longest sleep is an hour, so only waking at the due time runs it
        Instant due = Instant.now().plusSeconds(2);
        ConnectedTable t = scheduledTable(due.minus(Duration.ofHours(1)));

        try (Connections sdk = builder(Clock.systemUTC()).schedulerPollInterval(Duration.ofHours(1)).build()) {
            sdk.start();

            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> SchedulerCases.scheduledAndFinished(sdk, t));
            assertThat(sdk.tables().history(PAM, t.id(), 1).get(0).startedAt()).isAfterOrEqualTo(due);
        }
    }
}
