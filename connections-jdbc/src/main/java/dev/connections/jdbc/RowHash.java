package dev.connections.jdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A 64-bit hash of a row's typed values, stored beside each row ({@link DataTable#HASH_COLUMN}) so that a refresh
 * can tell an unchanged record without sending it to the database. Seeded with the table's layout
 * ({@link DataTable#hashSeed()}): after the fields change, no stored hash matches and every record is sent again.
 *
 * <p>The hash only decides what is <em>sent</em>: a record whose hash differs from the stored one goes to the
 * database, which compares the values themselves and counts an update only when they differ. So two values that
 * the database holds as equal but that hash apart (instants a nanosecond apart, which PostgreSQL rounds to the same
 * microsecond) cost a send, never a wrong count;
 * the one way to get a wrong result is two different rows of one key hashing alike, which a 64-bit mix of every
 * value makes about 2<sup>-64</sup> likely per changed record. The function is fixed: hashes written by one version
 * are read by the next. Stateless.
 */
final class RowHash {

    private static final long K1 = 0x87c37b91114253d5L;
    private static final long K2 = 0x4cf5ad432745937fL;
    private static final long NULL = 0x6a09e667f3bcc908L;

    private RowHash() {
    }

    /** @return the hash of a row's values, in field order, each null or of its field type's Java class */
    static long of(long seed, Object[] values) {
        long h = seed;
        for (Object value : values) {
            h = value(h, value);
        }
        return finish(h ^ values.length);
    }

    private static long value(long h, Object value) {
        if (value == null) {
            return mix(h, NULL);
        }
        if (value instanceof String s) {
            return string(mix(h, 1), s);
        }
        if (value instanceof Long l) {
            return mix(mix(h, 2), l);
        }
        if (value instanceof BigDecimal d) {
            return decimal(mix(h, 3), d);
        }
        if (value instanceof Boolean b) {
            return mix(h, b ? 4 : 5);
        }
        if (value instanceof LocalDate d) {
            return mix(mix(h, 6), d.toEpochDay());
        }
        if (value instanceof Instant i) {
            return mix(mix(mix(h, 7), i.getEpochSecond()), i.getNano());
        }
        if (value instanceof LocalTime t) {
            return mix(mix(h, 8), t.toNanoOfDay());
        }
        throw new IllegalArgumentException("no field type holds values of " + value.getClass().getName());
    }

    /**
     * A number by its value, not its scale: 1.10 and 1.1 hash alike, as the database holds them equal (a record
     * differing only so is not sent, and so does not rewrite its row). Up to 15 significant digits, within the
     * double's normal range, the value's {@code double} tells any two numbers apart (the nearest double of a
     * decimal that short is its own) and costs no allocation; longer numbers lose their trailing zeros first, and go
     * by their digits if still longer (or outside that range).
     */
    private static long decimal(long h, BigDecimal d) {
        BigDecimal canonical = d.precision() <= 15 ? d : d.stripTrailingZeros();
        int exponent = canonical.precision() - canonical.scale();
        // a double keeps 15 digits apart only in its normal range: beyond it 1E-400 and 2E-400 are both 0.0
        if (canonical.precision() <= 15 && exponent > -290 && exponent < 290) {
            return mix(h, Double.doubleToLongBits(canonical.doubleValue()));
        }
        h = mix(mix(h, 16), canonical.scale());
        byte[] bytes = canonical.unscaledValue().toByteArray();
        for (byte b : bytes) {
            h = mix(h, b);
        }
        return mix(h, bytes.length);
    }

    /** Four characters to a word, then the length, so that "ab" + "c" and "a" + "bc" differ. */
    private static long string(long h, String s) {
        int n = s.length();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            h = mix(h, (long) s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48);
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
            tail |= (long) s.charAt(i) << shift;
        }
        return mix(mix(h, tail), n);
    }

    /** One word into the state: the word scrambled by multiplications and a rotation, then the state rotated. */
    private static long mix(long h, long word) {
        long k = Long.rotateLeft(word * K1, 31) * K2;
        return Long.rotateLeft(h ^ k, 27) * 5 + 0x52dce729;
    }

    /** Spreads every bit of the state over the result. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }

    /** @return the hash of a text (a table's layout), to seed the rows' hashes */
    static long seed(String text) {
        return finish(string(K2, text));
    }
}
