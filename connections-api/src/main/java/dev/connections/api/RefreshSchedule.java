package dev.connections.api;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a connected table refreshes by itself. Immutable and thread-safe.
 *
 * <p>Local times mean wall-clock time in the schedule's zone: "daily at 02:30 Europe/Berlin" runs once on every
 * day, including the days the clocks change (a time that a change skips runs later by the length of the gap,
 * 02:30 becoming 03:30; a time that occurs twice runs at its first occurrence).
 *
 * <p>Text forms, for storage and for hosts ({@link #parse(String)} reads what {@code toString()} writes):
 * {@code manual}, {@code every 4 hours}, {@code every 90 minutes}, {@code daily 02:30 Europe/Berlin},
 * {@code weekly MONDAY 02:30 Europe/Berlin}.
 */
public sealed interface RefreshSchedule
        permits RefreshSchedule.Manual, RefreshSchedule.Every, RefreshSchedule.Daily, RefreshSchedule.Weekly {

    /** @return the schedule that refreshes only on demand */
    static RefreshSchedule manual() {
        return Manual.INSTANCE;
    }

    /**
     * @param hours the interval in hours; positive
     * @return a schedule that refreshes this many hours after each run's start
     * @throws ConnectionsException INVALID_INPUT when the interval is not positive
     */
    static RefreshSchedule everyHours(int hours) {
        return new Every(Duration.ofHours(hours));
    }

    /**
     * @param interval the time from one run's start to the next; positive (the SDK's minimum interval, an hour
     *                 unless the host lowers it, is checked when the schedule is given to a table)
     * @return a schedule that refreshes at this interval
     * @throws ConnectionsException INVALID_INPUT when the interval is not positive
     */
    static RefreshSchedule every(Duration interval) {
        return new Every(interval);
    }

    /**
     * @param at   the wall-clock time
     * @param zone the zone the time is read in
     * @return a schedule that refreshes once a day at that time
     */
    static RefreshSchedule daily(LocalTime at, ZoneId zone) {
        return new Daily(at, zone);
    }

    /**
     * @param day  the day of the week, in {@code zone}
     * @param at   the wall-clock time
     * @param zone the zone the day and time are read in
     * @return a schedule that refreshes once a week on that day at that time
     */
    static RefreshSchedule weekly(DayOfWeek day, LocalTime at, ZoneId zone) {
        return new Weekly(day, at, zone);
    }

    /**
     * The first run strictly after a moment.
     *
     * @param after the previous run's start, or the table's creation when it has never run; never null
     * @return when the next automatic refresh is due; empty for {@code manual}
     */
    Optional<Instant> nextAfter(Instant after);

    /** @return the shortest time between two runs this schedule can give */
    Duration shortestInterval();

    /**
     * Parses a text form.
     *
     * @param text a text form, e.g. {@code daily 02:30 Europe/Berlin}; words are separated by blanks, and the kind,
     *             unit and day ignore case
     * @return the schedule
     * @throws ConnectionsException INVALID_INPUT saying which forms are accepted
     */
    static RefreshSchedule parse(String text) {
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        try {
            String kind = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
            if (kind.equals("manual") && words.length == 1) {
                return manual();
            }
            if (kind.equals("every") && words.length == 3) {
                long n = Long.parseLong(words[1]);
                String unit = words[2].toLowerCase(Locale.ROOT);
                if (unit.startsWith("hour")) {
                    return new Every(Duration.ofHours(n));
                }
                if (unit.startsWith("minute")) {
                    return new Every(Duration.ofMinutes(n));
                }
            }
            if (kind.equals("daily") && words.length == 3) {
                return new Daily(LocalTime.parse(words[1]), ZoneId.of(words[2]));
            }
            if (kind.equals("weekly") && words.length == 4) {
                return new Weekly(DayOfWeek.valueOf(words[1].toUpperCase(Locale.ROOT)), LocalTime.parse(words[2]),
                        ZoneId.of(words[3]));
            }
        } catch (RuntimeException e) {
            if (e instanceof ConnectionsException ce) {
                throw ce;
            }
            // falls through to the message that lists the accepted forms
        }
        throw ConnectionsException.invalid("invalid schedule \"" + text + "\": use 'manual', 'every N hours', "
                + "'daily HH:MM Zone/Id' or 'weekly DAY HH:MM Zone/Id' (e.g. 'daily 02:30 Europe/Berlin')");
    }

    /** Only on demand. */
    enum Manual implements RefreshSchedule {
        /** The one instance; {@link RefreshSchedule#manual()} returns it. */
        INSTANCE;

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return Optional.empty();
        }

        @Override
        public Duration shortestInterval() {
            return ChronoLimits.FOREVER;
        }

        @Override
        public String toString() {
            return "manual";
        }
    }

    /**
     * At a fixed interval from the previous run.
     *
     * @param interval the time from one run's start to the next
     */
    record Every(Duration interval) implements RefreshSchedule {
        /**
         * @param interval the time from one run's start to the next; positive
         * @throws ConnectionsException INVALID_INPUT when it is not positive
         */
        public Every {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw ConnectionsException.invalid("a schedule interval must be positive, not " + interval);
            }
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return Optional.of(after.plus(interval));
        }

        @Override
        public Duration shortestInterval() {
            return interval;
        }

        @Override
        public String toString() {
            long minutes = interval.toMinutes();
            return minutes % 60 == 0 ? "every " + minutes / 60 + " hours" : "every " + minutes + " minutes";
        }
    }

    /**
     * Once a day at a local time.
     *
     * @param at   the wall-clock time
     * @param zone the zone it is read in
     */
    record Daily(LocalTime at, ZoneId zone) implements RefreshSchedule {
        /**
         * @param at   the wall-clock time
         * @param zone the zone it is read in
         */
        public Daily {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            LocalDate day = after.atZone(zone).toLocalDate();
            while (true) {
                Instant candidate = ChronoLimits.atLocal(day, at, zone);
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
                day = day.plusDays(1);
            }
        }

        @Override
        public Duration shortestInterval() {
            return Duration.ofHours(23);
        }

        @Override
        public String toString() {
            return "daily " + at + " " + zone.getId();
        }
    }

    /**
     * Once a week on a day at a local time.
     *
     * @param day  the day of the week
     * @param at   the wall-clock time
     * @param zone the zone the day and time are read in
     */
    record Weekly(DayOfWeek day, LocalTime at, ZoneId zone) implements RefreshSchedule {
        /**
         * @param day  the day of the week
         * @param at   the wall-clock time
         * @param zone the zone the day and time are read in
         */
        public Weekly {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            LocalDate date = after.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(day));
            while (true) {
                Instant candidate = ChronoLimits.atLocal(date, at, zone);
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
                date = date.plusWeeks(1);
            }
        }

        @Override
        public Duration shortestInterval() {
            return Duration.ofDays(7).minusHours(1);
        }

        @Override
        public String toString() {
            return "weekly " + day + " " + at + " " + zone.getId();
        }
    }

    /** Shared helpers of the schedule kinds. */
    final class ChronoLimits {
        static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

        private ChronoLimits() {
        }

        /** A local time that a clock change skips moves forward by the gap (02:30 becomes 03:30). */
        static Instant atLocal(LocalDate date, LocalTime time, ZoneId zone) {
            return ZonedDateTime.ofLocal(date.atTime(time), zone, null).toInstant();
        }
    }
}
