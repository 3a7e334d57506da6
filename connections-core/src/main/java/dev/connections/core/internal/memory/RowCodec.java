package dev.connections.core.internal.memory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

/**
 * Encodes a row of typed values into one byte array, the form in which the in-memory storage keeps it: one object per
 * row instead of one per value (about a third of the memory, and nothing for the collector to trace).
 *
 * <p>An encoded row is the length of its key part, the key part, then every value in field order. Each value is a tag
 * (its class, or null) and its bytes, so a row decodes without its table's fields. The key part holds the refresh
 * key values in key order, in canonical form (a DECIMAL without trailing zeros), so that two keys are the same key
 * exactly when their key parts are equal bytes; the values part keeps each value as it was given ({@code 12.50} stays
 * {@code 12.50}). Equal rows encode to equal bytes; rows whose bytes differ may still hold the same values (a DECIMAL
 * of another scale), which {@link SameValues} decides. Only values of the {@link dev.connections.api.FieldType} classes
 * encode; a row holding anything else is kept as its array.
 *
 * <p>An instance is a reusable buffer for one thread: {@link #encodeKey} then {@link #encodeValues} fill it.
 */
final class RowCodec {

    private static final byte NULL = 0;
    private static final byte LATIN1 = 1;
    private static final byte UTF16 = 2;
    private static final byte LONG = 3;
    private static final byte DECIMAL = 4;
    private static final byte BIG_DECIMAL = 5;
    private static final byte TRUE = 6;
    private static final byte FALSE = 7;
    private static final byte DATE = 8;
    private static final byte INSTANT = 9;
    private static final byte TIME = 10;

    /**
     * The room reserved for the key part's length: one byte, enough for a key part shorter than 128 bytes (nearly
     * every key); a longer one is moved to make room for its length.
     */
    private static final int LENGTH_ROOM = 1;
    /** A whole-number key's low bits that its hash keeps (see {@link #keyHash}): runs of 16 consecutive numbers. */
    private static final int RUN_BITS = 4;

    private byte[] buffer = new byte[256];
    private int length;
    private int keyStart;
    private int keyEnd;
    /** Whether the key just encoded is one whole number, {@link #longKey}. */
    private boolean isLongKey;
    private long longKey;

    /**
     * Starts a row (or a lone key) with its key part.
     *
     * @return false when a key value is of a class that does not encode
     */
    boolean encodeKey(Object[] values, int[] columns) {
        length = LENGTH_ROOM;
        isLongKey = columns.length == 1 && values[columns[0]] instanceof Long;
        if (isLongKey) {
            longKey = (Long) values[columns[0]];
        }
        for (int column : columns) {
            Object value = values[column];
            if (!put(value instanceof BigDecimal d ? canonical(d) : value)) {
                return false;
            }
        }
        int keyLength = length - LENGTH_ROOM;
        int room = varintSize(keyLength);
        keyStart = room;
        if (room != LENGTH_ROOM) {
            ensure(room);
            System.arraycopy(buffer, LENGTH_ROOM, buffer, room, keyLength);
            length += room - LENGTH_ROOM;
        }
        int end = length;
        length = 0;
        putVarint(keyLength);
        length = end;
        keyEnd = end;
        return true;
    }

    /**
     * Adds every value after the key part of {@link #encodeKey}.
     *
     * @return false when a value is of a class that does not encode
     */
    boolean encodeValues(Object[] values) {
        for (Object value : values) {
            if (!put(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return a hash of the key part, the same for the same key. The hash of a key of one whole number puts each run of
     *         16 consecutive numbers (the usual ids, read in order) in 16 neighbouring index cells, rotated by the run,
     *         so that the look-ups of a refresh touch about one cache line per run instead of one or two per row; the
     *         runs are spread, and so are the keys of a stride of 16 or more (each then alone in its run). Any other
     *         key is spread over all 32 bits.
     */
    int keyHash() {
        if (isLongKey) {
            long run = mix(longKey >> RUN_BITS);
            return (int) (run << RUN_BITS) | (int) (longKey + (run >>> 60)) & (1 << RUN_BITS) - 1;
        }
        long h = 0;
        for (int i = keyStart; i < keyEnd; i++) {
            h = (h + (buffer[i] & 0xFF)) * 0x9E3779B97F4A7C15L;
        }
        return (int) mix(h);
    }

    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    /** @return whether {@code row}'s key part is the key just encoded */
    boolean sameKey(byte[] row) {
        int keyLength = readVarint(row, 0);
        int start = varintSize(keyLength);
        return Arrays.equals(row, start, start + keyLength, buffer, keyStart, keyEnd);
    }

    /** @return whether {@code row} is the bytes of the row just encoded */
    boolean sameBytes(byte[] row) {
        return Arrays.equals(row, 0, row.length, buffer, 0, length);
    }

    /** @return a copy of the row just encoded */
    byte[] bytes() {
        return Arrays.copyOf(buffer, length);
    }

    /** @return the values of an encoded row, {@code fields} of them */
    static Object[] decode(byte[] row, int fields) {
        int keyLength = readVarint(row, 0);
        Reader in = new Reader(row, varintSize(keyLength) + keyLength);
        Object[] values = new Object[fields];
        for (int i = 0; i < fields; i++) {
            values[i] = in.next();
        }
        return values;
    }

    /** @return the values of a row as kept: decoded, or a copy of the array */
    static Object[] values(Object kept, int fields) {
        return kept instanceof byte[] b ? decode(b, fields) : ((Object[]) kept).clone();
    }

    private static BigDecimal canonical(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    private boolean put(Object value) {
        ensure(16);
        if (value == null) {
            buffer[length++] = NULL;
        } else if (value instanceof String s) {
            putString(s);
        } else if (value instanceof Long l) {
            buffer[length++] = LONG;
            putVarlong(zigzag(l));
        } else if (value instanceof BigDecimal d) {
            putDecimal(d);
        } else if (value instanceof Boolean b) {
            buffer[length++] = b ? TRUE : FALSE;
        } else if (value instanceof LocalDate date) {
            buffer[length++] = DATE;
            // year, month and day as they are held: toEpochDay's leap-year arithmetic costs more than the rest of it
            putVarlong(zigzag((long) date.getYear()) << 9 | date.getMonthValue() << 5 | date.getDayOfMonth());
        } else if (value instanceof Instant instant) {
            buffer[length++] = INSTANT;
            putVarlong(zigzag(instant.getEpochSecond()));
            putVarint(instant.getNano());
        } else if (value instanceof LocalTime time) {
            buffer[length++] = TIME;
            putVarlong(time.toNanoOfDay());
        } else {
            return false;
        }
        return true;
    }

    /** Writes a string of only Latin-1 characters one byte each, in one pass; any other two bytes each. */
    private void putString(String s) {
        int n = s.length();
        ensure(6 + n);
        int start = length;
        buffer[length++] = LATIN1;
        putVarint(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x100) {
                length = start;
                putUtf16(s);
                return;
            }
            buffer[length++] = (byte) c;
        }
    }

    private void putUtf16(String s) {
        int n = s.length();
        ensure(6 + 2 * n);
        buffer[length++] = UTF16;
        putVarint(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buffer[length++] = (byte) (c >>> 8);
            buffer[length++] = (byte) c;
        }
    }

    /** A DECIMAL of at most 18 digits (nearly all) is written as its unscaled long, found without allocating. */
    private void putDecimal(BigDecimal d) {
        if (d.precision() <= 18) {
            buffer[length++] = DECIMAL;
            putVarlong(zigzag(d.scaleByPowerOfTen(d.scale()).longValueExact()));
            putVarint(zigzag(d.scale()));
        } else {
            byte[] magnitude = d.unscaledValue().toByteArray();
            ensure(12 + magnitude.length);
            buffer[length++] = BIG_DECIMAL;
            putVarint(zigzag(d.scale()));
            putVarint(magnitude.length);
            System.arraycopy(magnitude, 0, buffer, length, magnitude.length);
            length += magnitude.length;
        }
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void putVarint(int value) {
        putVarlong(value & 0xFFFFFFFFL);
    }

    private void putVarlong(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static int varintSize(int value) {
        int size = 1;
        for (int v = value >>> 7; v != 0; v >>>= 7) {
            size++;
        }
        return size;
    }

    private static int readVarint(byte[] bytes, int at) {
        int value = 0;
        int shift = 0;
        int i = at;
        byte b;
        do {
            b = bytes[i++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return value;
    }

    /** Reads the values of an encoded row in order. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        Object next() {
            byte tag = bytes[at++];
            return switch (tag) {
                case NULL -> null;
                case LATIN1 -> {
                    int n = (int) varlong();
                    String s = new String(bytes, at, n, StandardCharsets.ISO_8859_1);
                    at += n;
                    yield s;
                }
                case UTF16 -> {
                    int n = (int) varlong();
                    char[] chars = new char[n];
                    for (int i = 0; i < n; i++) {
                        chars[i] = (char) ((bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF));
                        at += 2;
                    }
                    yield new String(chars);
                }
                case LONG -> unzigzag(varlong());
                case DECIMAL -> {
                    long unscaled = unzigzag(varlong());
                    yield BigDecimal.valueOf(unscaled, (int) unzigzag(varlong()));
                }
                case BIG_DECIMAL -> {
                    int scale = (int) unzigzag(varlong());
                    int n = (int) varlong();
                    BigInteger unscaled = new BigInteger(bytes, at, n);
                    at += n;
                    yield new BigDecimal(unscaled, scale);
                }
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case DATE -> {
                    long packed = varlong();
                    yield LocalDate.of((int) unzigzag(packed >>> 9), (int) (packed >>> 5) & 15, (int) packed & 31);
                }
                case INSTANT -> {
                    long seconds = unzigzag(varlong());
                    yield Instant.ofEpochSecond(seconds, varlong());
                }
                case TIME -> LocalTime.ofNanoOfDay(varlong());
                default -> throw new IllegalStateException("not an encoded row: tag " + tag + " at " + (at - 1));
            };
        }

        private long varlong() {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }

        private static long unzigzag(long v) {
            return (v >>> 1) ^ -(v & 1);
        }
    }
}
