package dev.connections.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Records in PostgreSQL's {@code COPY} text format, written straight into UTF-8 bytes: no string per value, no
 * string per chunk, and a text without characters to escape copied in one loop. Values as {@link SqlValues} binds
 * them: a decimal in plain notation, a boolean as {@code t}/{@code f}, an instant in ISO-8601 UTC, null as
 * {@code \N}; a backslash, tab, line feed and carriage return in text escaped. Used by one thread.
 */
final class CopyText {

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds of the epoch. */
    private static final long YEAR_1 = -62_135_596_800L;
    private static final long END_OF_9999 = 253_402_300_799L;

    private byte[] bytes;
    private int size;

    CopyText(int capacity) {
        this.bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] bytes() {
        return bytes;
    }

    void clear() {
        size = 0;
    }

    void tab() {
        put((byte) '\t');
    }

    void endOfRecord() {
        put((byte) '\n');
    }

    /** Writes a value of a field type's Java class, or null. */
    void value(Object value) {
        if (value == null) {
            ensure(2);
            bytes[size++] = '\\';
            bytes[size++] = 'N';
        } else if (value instanceof String s) {
            text(s);
        } else if (value instanceof Long l) {
            number(l);
        } else if (value instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else if (value instanceof Boolean b) {
            put((byte) (b ? 't' : 'f'));
        } else if (value instanceof LocalDate d) {
            date(d);
        } else if (value instanceof Instant i) {
            instant(i);
        } else if (value instanceof LocalTime t) {
            time(t);
        } else {
            text(value.toString());
        }
    }

    /** A text, escaped, as UTF-8; a lone surrogate becomes '?', as {@link String#getBytes} makes it. */
    void text(String s) {
        int n = s.length();
        ensure(3 * n);
        byte[] b = bytes;
        int at = size;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        b[at++] = '\\';
                        b[at++] = '\\';
                    }
                    case '\t' -> {
                        b[at++] = '\\';
                        b[at++] = 't';
                    }
                    case '\n' -> {
                        b[at++] = '\\';
                        b[at++] = 'n';
                    }
                    case '\r' -> {
                        b[at++] = '\\';
                        b[at++] = 'r';
                    }
                    default -> b[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[at++] = (byte) (0xf0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?';
            } else {
                b[at++] = (byte) (0xe0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        size = at;
    }

    /** Characters known to be ASCII and free of characters to escape (digits, signs, points). */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            bytes[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int at = size + digits;
        size = at;
        do {
            bytes[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
    }

    /** Years 1 to 9999 as {@code yyyy-mm-dd}; others as {@link LocalDate#toString} writes them. */
    private void date(LocalDate d) {
        int year = d.getYear();
        if (year < 1 || year > 9999) {
            ascii(d.toString());
            return;
        }
        ensure(10);
        digits(year, 4);
        put((byte) '-');
        digits(d.getMonthValue(), 2);
        put((byte) '-');
        digits(d.getDayOfMonth(), 2);
    }

    /** {@code yyyy-mm-ddThh:mm:ss[.fraction]Z} for years 1 to 9999; others as {@link Instant#toString}. */
    private void instant(Instant i) {
        if (i.getEpochSecond() < YEAR_1 || i.getEpochSecond() > END_OF_9999) {
            ascii(i.toString());
            return;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(i.getEpochSecond(), i.getNano(), ZoneOffset.UTC);
        date(t.toLocalDate());
        put((byte) 'T');
        time(t.toLocalTime());
        put((byte) 'Z');
    }

    /** {@code hh:mm:ss}, then a point and nine digits when there is a fraction of a second. */
    private void time(LocalTime t) {
        ensure(18);
        digits(t.getHour(), 2);
        put((byte) ':');
        digits(t.getMinute(), 2);
        put((byte) ':');
        digits(t.getSecond(), 2);
        if (t.getNano() > 0) {
            put((byte) '.');
            digits(t.getNano(), 9);
        }
    }

    private void digits(int v, int width) {
        ensure(width);
        for (int at = size + width - 1; at >= size; at--) {
            bytes[at] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
    }

    private void put(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
