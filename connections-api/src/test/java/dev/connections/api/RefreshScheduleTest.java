package dev.connections.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefreshScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @ValueSource(strings = {"manual", "every 4 hours", "every 90 minutes", "daily 02:30 Europe/Berlin",
        "weekly MONDAY 07:00 America/New_York"})
    void textFormParsesBack(String text) {
        assertThat(RefreshSchedule.parse(text)).hasToString(text);
    }

    @Test
    void invalidTextSaysWhichFormsAreAccepted() {
        assertThatThrownBy(() -> RefreshSchedule.parse("daily 25:00 Europe/Berlin"))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining("'daily HH:MM Zone/Id'");
        assertThatThrownBy(() -> RefreshSchedule.parse("hourly")).hasMessageContaining("every N hours");
        assertThatThrownBy(() -> RefreshSchedule.parse("daily 02:30 Mars/Olympus")).hasMessageContaining("Zone/Id");
    }

    @Test
    void everyCountsFromThePreviousRun() {
        Instant t = Instant.parse("2026-01-01T10:15:00Z");

        assertThat(RefreshSchedule.everyHours(4).nextAfter(t)).contains(Instant.parse("2026-01-01T14:15:00Z"));
    }

    @Test
    void dailyRunsOnTheDayTheClocksGoForward() {
        RefreshSchedule s = RefreshSchedule.daily(LocalTime.of(2, 30), BERLIN);

        // 2026-03-29 02:00 CET jumps to 03:00 CEST; 02:30 runs at 03:30 CEST.
        assertThat(s.nextAfter(Instant.parse("2026-03-28T12:00:00Z"))).contains(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(s.nextAfter(Instant.parse("2026-03-29T01:30:00Z"))).contains(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void dailyRunsOnceOnTheDayTheClocksGoBack() {
        RefreshSchedule s = RefreshSchedule.daily(LocalTime.of(2, 30), BERLIN);

        // 2026-10-25 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice; it runs at the first.
        Instant first = s.nextAfter(Instant.parse("2026-10-24T12:00:00Z")).orElseThrow();
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(s.nextAfter(first)).contains(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void weeklyRunsOnItsDay() {
        RefreshSchedule s = RefreshSchedule.weekly(DayOfWeek.MONDAY, LocalTime.of(7, 0), BERLIN);

        assertThat(s.nextAfter(Instant.parse("2026-11-28T12:00:00Z"))).contains(Instant.parse("2026-11-30T06:00:00Z"));
    }

    @Test
    void manualNeverRuns() {
        assertThat(RefreshSchedule.manual().nextAfter(Instant.EPOCH)).isEmpty();
        assertThat(RefreshSchedule.manual().shortestInterval()).isGreaterThan(Duration.ofDays(365));
    }

    @Test
    void nonPositiveIntervalIsRefused() {
        assertThatThrownBy(() -> RefreshSchedule.every(Duration.ZERO)).hasMessageContaining("must be positive");
    }
}
