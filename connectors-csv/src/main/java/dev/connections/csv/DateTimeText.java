package dev.connections.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads dates, date-times and times from cell text by hand (no formatter, no regular expression): a date
 * ({@code 2024-03-31}, or {@code 31/03/2024} / {@code 03/31/2024} with {@code /}, {@code .} or {@code -}), optionally
 * followed by {@code T} or a space, a time ({@code 14:05}, {@code 14:05:09}, {@code 14:05:09.123}) and an offset
 * ({@code Z}, {@code +02:00}, {@code +0200}, {@code +02}). A reusable cursor over one value at a time: not
 * thread-safe.
 */
final class DateTimeText {

    private static final long SECONDS_PER_DAY = 86_400;
    /** Days from 0000-01-01 to 1970-01-01, as in {@link LocalDate}. */
    private static final long DAYS_0000_TO_1970 = 719_528;

    private String text;
    private int year;
    private int month;
    private int day;
    private boolean hasTime;
    private int hour;
    private int minute;
    private int second;
    private int nano;
    private boolean hasOffset;
    private int offsetSeconds;

    /**
     * @param v     stripped cell text
     * @param order the order of the date part
     * @return whether the text is a valid date, with or without a time
     */
    boolean parse(String v, DateOrder order) {
        text = v;
        int p = order == DateOrder.ISO ? isoDate() : orderedDate(order);
        if (p < 0) {
            return false;
        }
        hasTime = false;
        hasOffset = false;
        hour = 0;
        minute = 0;
        second = 0;
        nano = 0;
        if (p < v.length()) {
            char c = v.charAt(p);
            if (c != 'T' && c != ' ') {
                return false;
            }
            p = time(p + 1);
            if (p < 0) {
                return false;
            }
            hasTime = true;
            if (p < v.length() && offset(p) < 0) {
                return false;
            }
        }
        return validDate();
    }

    /** @return whether the stripped text is a time of day without a date or an offset */
    boolean parseTime(String v) {
        text = v;
        return time(0) == v.length();
    }

    boolean hasTime() {
        return hasTime;
    }

    LocalDate date() {
        return LocalDate.of(year, month, day);
    }

    LocalTime time() {
        return LocalTime.of(hour, minute, second, nano);
    }

    /** @param zone the zone of a value without an offset */
    Instant instant(ZoneId zone) {
        if (hasOffset || zone instanceof ZoneOffset) {
            int offset = hasOffset ? offsetSeconds : ((ZoneOffset) zone).getTotalSeconds();
            long seconds = epochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offset;
            return Instant.ofEpochSecond(seconds, nano);
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nano).atZone(zone).toInstant();
    }

    private int isoDate() {
        String v = text;
        if (v.length() < 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return -1;
        }
        year = digits(0, 4);
        month = digits(5, 2);
        day = digits(8, 2);
        return year < 0 || month < 0 || day < 0 ? -1 : 10;
    }

    private int orderedDate(DateOrder order) {
        int first = run(0);
        if (first < 1 || first > 2 || first >= text.length()) {
            return -1;
        }
        char separator = text.charAt(first);
        if (separator != '/' && separator != '.' && separator != '-') {
            return -1;
        }
        int secondStart = first + 1;
        int middle = run(secondStart) - secondStart;
        int yearStart = secondStart + middle + 1;
        if (middle < 1 || middle > 2 || yearStart > text.length() || text.charAt(yearStart - 1) != separator
                || run(yearStart) - yearStart != 4) {
            return -1;
        }
        int a = digits(0, first);
        int b = digits(secondStart, middle);
        day = order == DateOrder.DAY_FIRST ? a : b;
        month = order == DateOrder.DAY_FIRST ? b : a;
        year = digits(yearStart, 4);
        return yearStart + 4;
    }

    private int time(int from) {
        int hourDigits = run(from) - from;
        int p = from + hourDigits;
        if (hourDigits < 1 || hourDigits > 2 || !at(p, ':')) {
            return -1;
        }
        hour = digits(from, hourDigits);
        minute = twoDigits(p + 1);
        p += 3;
        second = 0;
        nano = 0;
        if (at(p, ':')) {
            second = twoDigits(p + 1);
            p += 3;
            if (at(p, '.')) {
                int fractionDigits = run(p + 1) - p - 1;
                if (fractionDigits < 1 || fractionDigits > 9) {
                    return -1;
                }
                nano = digits(p + 1, fractionDigits);
                for (int i = fractionDigits; i < 9; i++) {
                    nano *= 10;
                }
                p += 1 + fractionDigits;
            }
        }
        return minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 59 ? -1 : p;
    }

    private int offset(int p) {
        String v = text;
        char sign = v.charAt(p);
        if ((sign == 'Z' || sign == 'z') && p + 1 == v.length()) {
            hasOffset = true;
            offsetSeconds = 0;
            return p + 1;
        }
        if (sign != '+' && sign != '-') {
            return -1;
        }
        int hours = twoDigits(p + 1);
        int minutes = 0;
        int end = p + 3;
        if (at(end, ':')) {
            minutes = twoDigits(end + 1);
            end += 3;
        } else if (end < v.length()) {
            minutes = twoDigits(end);
            end += 2;
        }
        if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60 || end != v.length()) {
            return -1;
        }
        hasOffset = true;
        offsetSeconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        return end;
    }

    /** What {@link LocalDate#of} accepts (the year has at most 4 digits), without making one or an exception. */
    private boolean validDate() {
        return month >= 1 && month <= 12 && day >= 1 && day <= lengthOfMonth();
    }

    private int lengthOfMonth() {
        switch (month) {
            case 2:
                return isLeapYear() ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private boolean isLeapYear() {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** {@link LocalDate#toEpochDay()} of the date read (a year from 0 to 9999), without making the date. */
    private long epochDay() {
        long y = year;
        long days = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367 * month - 362) / 12 + day - 1;
        if (month > 2) {
            days -= isLeapYear() ? 1 : 2;
        }
        return days - DAYS_0000_TO_1970;
    }

    /** @return the index after the run of digits that starts at {@code from} */
    private int run(int from) {
        int i = from;
        while (i < text.length() && Cells.isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private boolean at(int p, char c) {
        return p < text.length() && text.charAt(p) == c;
    }

    private int twoDigits(int from) {
        return from + 2 <= text.length() ? digits(from, 2) : -1;
    }

    /** @return the number written by {@code count} digits from {@code from}, or -1 when one is not a digit */
    private int digits(int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!Cells.isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
