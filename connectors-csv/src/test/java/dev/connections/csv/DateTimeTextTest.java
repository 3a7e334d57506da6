package dev.connections.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link DateTimeText} checks dates and counts days itself, and must agree with {@link LocalDate} on both. */
class DateTimeTextTest {

    @Test
    void everyDayFromYearZeroToYear9999IsValidAndGivesLocalDatesInstant() {
        DateTimeText text = new DateTimeText();
        for (LocalDate day = LocalDate.of(0, 1, 1); day.getYear() < 10_000; day = day.plusDays(7)) {
            String iso = String.format("%04d-%02d-%02dT13:14:15Z", day.getYear(), day.getMonthValue(),
                    day.getDayOfMonth());
            assertThat(text.parse(iso, DateOrder.ISO)).as(iso).isTrue();
            assertThat(text.instant(ZoneOffset.UTC)).as(iso)
                    .isEqualTo(LocalDateTime.of(day.getYear(), day.getMonth(), day.getDayOfMonth(), 13, 14, 15)
                            .toInstant(ZoneOffset.UTC));
        }
    }

    @Test
    void theLastDayOfEachMonthIsValidAndTheDayAfterIsNot() {
        DateTimeText text = new DateTimeText();
        for (int year : new int[] {1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400}) {
            for (int month = 1; month <= 12; month++) {
                int last = LocalDate.of(year, month, 1).lengthOfMonth();
                String lastDay = String.format("%04d-%02d-%02d", year, month, last);
                String dayAfter = String.format("%04d-%02d-%02d", year, month, last + 1);
                assertThat(text.parse(lastDay, DateOrder.ISO)).as(lastDay).isTrue();
                assertThat(text.date()).isEqualTo(LocalDate.of(year, month, last));
                assertThat(text.instant(ZoneOffset.ofHours(2))).as(lastDay)
                        .isEqualTo(LocalDate.of(year, month, last).atStartOfDay().toInstant(ZoneOffset.ofHours(2)));
                assertThat(text.parse(dayAfter, DateOrder.ISO)).as(dayAfter).isFalse();
            }
        }
        assertThat(text.parse("2024-00-10", DateOrder.ISO)).isFalse();
        assertThat(text.parse("2024-13-10", DateOrder.ISO)).isFalse();
        assertThat(text.parse("2024-01-00", DateOrder.ISO)).isFalse();
        assertThat(text.parse("29/02/2023", DateOrder.DAY_FIRST)).isFalse();
        assertThat(text.parse("02/29/2024", DateOrder.MONTH_FIRST)).isTrue();
    }
}
